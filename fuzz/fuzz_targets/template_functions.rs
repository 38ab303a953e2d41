//! Fuzzes the template functions and filters bijlage adds to tera
//! (`inline_static`, `data_uri`, `css_string`, `range`) and the helpers the
//! views use, with the shipped theme: any argument gives a value or a tera
//! error, never a panic, and `css_string` never lets a `"` or `<` escape
//! its string.
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;

fn tera() -> &'static Mutex<tera::Tera> {
    static TERA: OnceLock<Mutex<tera::Tera>> = OnceLock::new();
    TERA.get_or_init(|| {
        let theme = bijlage::render::theme::load(None, "rijksoverheid").expect("shipped theme");
        Mutex::new(bijlage::render::environment(&theme).expect("shipped templates"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut tera = tera().lock().unwrap();
    let mut context = tera::Context::new();
    context.insert("x", &text);
    let numbers: Vec<i64> = rest
        .chunks(2)
        .map(|c| i64::from(c[0]) * 256 + i64::from(*c.get(1).unwrap_or(&0)) - 32768)
        .collect();
    context.insert("a", &numbers.first().copied().unwrap_or(0));
    context.insert("b", &numbers.get(1).copied().unwrap_or(0));
    context.insert("c", &numbers.get(2).copied().unwrap_or(1));
    let template = match selector % 4 {
        0 => "{{ x | css_string }}",
        1 => "{{ inline_static(pad=x) }}",
        2 => "{{ data_uri(pad=x) | length }}",
        _ => "{% for i in range(start=a, end=b, step_by=c) %}{{ i }}{% endfor %}",
    };
    if let Ok(out) = tera.render_str(template, &context)
        && selector % 4 == 0
    {
        let inner = &out[1..out.len() - 1];
        let unescaped = inner.replace("\\\\", "").replace("\\\"", "");
        assert!(!unescaped.contains('"') && !inner.contains('<'), "{out}");
    }
    let years: Vec<u16> = rest.iter().map(|&b| 2000 + u16::from(b % 40)).collect();
    let _ = bijlage::render::years_in_words(&years);
});
