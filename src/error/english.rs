// Words of serde, serde_yaml and libyaml messages (and of the operating
// system's I/O errors): none may reach an editor. Not a module: one list,
// included (`include!`) by the unit test in `src/error.rs` that renders every
// kind of problem, and by `tests/testsuite/fouten.rs`, which checks the report
// of a real run over many kinds of broken YAML. Compared in lower case.
&[
    "invalid type",
    "invalid value",
    "expected",
    "while parsing",
    "while scanning",
    "did not find",
    "found ",
    "unknown field",
    "missing field",
    "not allowed",
    "at line",
    "column",
    "scalar",
    "sequence",
    "untagged",
    "variant",
    "struct ",
    "u16",
    "u32",
    "i64",
    "u128",
    "error",
    "warning",
    "permission denied",
    "No such file",
]
