//! Writing to the terminal without panicking: `print!` and `eprint!` panic
//! when the stream is closed (`bijlage check | head -1`) or the disk behind
//! a redirect is full. [`out!`](crate::out), [`err!`](crate::err) and their
//! `…ln!` forms write
//! the same text and drop the error: the reader has gone, and the exit status
//! still says how the run went.

/// `print!`, without panicking on a closed or full standard output.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprint!`, without panicking on a closed or full standard error.
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stderr().lock(), $($arg)*);
    }};
}

/// `println!`, without panicking on a closed or full standard output.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!`, without panicking on a closed or full standard error.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr().lock(), $($arg)*);
    }};
}
