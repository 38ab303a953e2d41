//! The shipped content, its past editions and the themes are compiled into the binary (include_dir);
//! rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=edities");
    println!("cargo:rerun-if-changed=themes");
}
