//! Bounds on the work a template can make tera do. Templates are the site's
//! own code, but a mistake in one must not crash or hang the tool (or the
//! preview server). Tera itself has no bound on either:
//!
//! - Recursion: a macro that calls itself, directly or through other macros
//!   or `{% include %}`, recurses until the stack overflows, and in Rust a
//!   stack overflow aborts the process; it cannot be caught. So recursion is
//!   found before rendering, in the parsed templates: every macro call and
//!   include is an edge of a graph, and a cycle is an error naming the
//!   template, the line of the call and the chain of calls. Recursion with a
//!   stop condition is refused too: tera gives no way to bound its depth.
//! - Size: tera's `range` makes the whole list at once, so
//!   `range(end=1000000000)` (or `step_by=0`) runs out of memory. It is
//!   replaced by a `range` that refuses more than `MAX_RANGE` numbers.

use std::collections::HashMap;

use tera::ast::{Expr, ExprVal, Node};
use tera::{Tera, Value};

use super::theme::Theme;
use crate::error::{Diagnostic, Location, Problem};

/// The most numbers `range` makes: far more than a page has actions.
pub(crate) const MAX_RANGE: usize = 100_000;

fn number(args: &HashMap<String, Value>, key: &str, default: Option<usize>) -> tera::Result<usize> {
    match args.get(key) {
        Some(value) => value.as_u64().map(|n| n as usize).ok_or_else(|| {
            tera::Error::msg(format!(
                "`range` kreeg {key}={value}, maar {key} moet een geheel getal vanaf 0 zijn"
            ))
        }),
        None => default.ok_or_else(|| tera::Error::msg("`range` mist `end`")),
    }
}

/// tera's `range(start=0, end, step_by=1)`, bounded to `MAX_RANGE` numbers.
pub fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let start = number(args, "start", Some(0))?;
    let end = number(args, "end", None)?;
    let step = number(args, "step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg(
            "`range` kreeg step_by=0: dan houdt de reeks nooit op",
        ));
    }
    if start > end {
        return Err(tera::Error::msg(format!(
            "`range` kreeg start={start} groter dan end={end}"
        )));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE {
        return Err(tera::Error::msg(format!(
            "`range` zou {count} getallen maken; het maximum is {MAX_RANGE}"
        )));
    }
    Ok(Value::Array(
        (start..end).step_by(step).map(Value::from).collect(),
    ))
}

/// A place that can be entered while rendering: a template, or a macro of
/// a template file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Place {
    Template(String),
    Macro { file: String, name: String },
}

/// A call from one place to another, with the text that makes it (to find
/// its line).
#[derive(Debug, Clone)]
struct Call {
    to: Place,
    /// The template file the call is written in.
    file: String,
    needle: String,
}

/// Collects the calls made by `nodes`, written in template `file` whose
/// imports are `imports` (namespace → file).
struct Collector<'a> {
    file: &'a str,
    imports: &'a HashMap<&'a str, &'a str>,
    calls: Vec<Call>,
}

impl Collector<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, expr) => self.expr(expr),
                Node::Set(_, set) => self.expr(&set.value),
                Node::FilterSection(_, section, _) => {
                    self.args(section.filter.args.values());
                    self.nodes(&section.body);
                }
                Node::Block(_, block, _) => self.nodes(&block.body),
                Node::Forloop(_, forloop, _) => {
                    self.expr(&forloop.container);
                    self.nodes(&forloop.body);
                    if let Some(body) = &forloop.empty_body {
                        self.nodes(body);
                    }
                }
                Node::If(branches, _) => {
                    for (_, condition, body) in &branches.conditions {
                        self.expr(condition);
                        self.nodes(body);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(body);
                    }
                }
                Node::Include(_, names, _) => {
                    for name in names {
                        self.calls.push(Call {
                            to: Place::Template(name.clone()),
                            file: self.file.to_string(),
                            needle: format!("\"{name}\""),
                        });
                    }
                }
                // A macro's body runs when it is called, not here.
                _ => {}
            }
        }
    }

    fn args<'e>(&mut self, args: impl Iterator<Item = &'e Expr>) {
        for arg in args {
            self.expr(arg);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        for filter in &expr.filters {
            self.args(filter.args.values());
        }
        self.val(&expr.val);
    }

    fn val(&mut self, val: &ExprVal) {
        match val {
            ExprVal::Math(math) => {
                self.expr(&math.lhs);
                self.expr(&math.rhs);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs);
                self.expr(&logic.rhs);
            }
            ExprVal::In(test) => {
                self.expr(&test.lhs);
                self.expr(&test.rhs);
            }
            ExprVal::Test(test) => self.args(test.args.iter()),
            ExprVal::FunctionCall(call) => self.args(call.args.values()),
            ExprVal::Array(items) => self.args(items.iter()),
            ExprVal::StringConcat(concat) => {
                for value in &concat.values {
                    self.val(value);
                }
            }
            ExprVal::MacroCall(call) => {
                self.args(call.args.values());
                let file = if call.namespace == "self" {
                    Some(self.file)
                } else {
                    self.imports.get(call.namespace.as_str()).copied()
                };
                if let Some(file) = file {
                    self.calls.push(Call {
                        to: Place::Macro {
                            file: file.to_string(),
                            name: call.name.clone(),
                        },
                        file: self.file.to_string(),
                        needle: format!("{}::{}", call.namespace, call.name),
                    });
                }
            }
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

/// Every place and the calls it makes.
fn graph(tera: &Tera) -> HashMap<Place, Vec<Call>> {
    let mut graph = HashMap::new();
    for (name, template) in &tera.templates {
        let imports: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let mut collector = Collector {
            file: name,
            imports: &imports,
            calls: Vec::new(),
        };
        collector.nodes(&template.ast);
        graph.insert(Place::Template(name.clone()), collector.calls);
        for (macro_name, definition) in &template.macros {
            let mut collector = Collector {
                file: name,
                imports: &imports,
                calls: Vec::new(),
            };
            collector.nodes(&definition.body);
            graph.insert(
                Place::Macro {
                    file: name.clone(),
                    name: macro_name.clone(),
                },
                collector.calls,
            );
        }
    }
    for calls in graph.values_mut() {
        calls.sort_by(|a, b| a.to.cmp(&b.to));
    }
    graph
}

/// A cycle in the graph, as the calls that make it, if there is one.
fn cycle(graph: &HashMap<Place, Vec<Call>>) -> Option<Vec<Call>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    /// `path[i]` is a call made from `stack[i]`.
    fn visit(
        place: &Place,
        graph: &HashMap<Place, Vec<Call>>,
        marks: &mut HashMap<Place, Mark>,
        stack: &mut Vec<Place>,
        path: &mut Vec<Call>,
    ) -> Option<Vec<Call>> {
        marks.insert(place.clone(), Mark::Active);
        stack.push(place.clone());
        for call in graph.get(place).into_iter().flatten() {
            path.push(call.clone());
            match marks.get(&call.to) {
                Some(Mark::Active) => {
                    let start = stack.iter().position(|p| *p == call.to).unwrap_or(0);
                    return Some(path[start..].to_vec());
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(found) = visit(&call.to, graph, marks, stack, path) {
                        return Some(found);
                    }
                }
            }
            path.pop();
        }
        stack.pop();
        marks.insert(place.clone(), Mark::Done);
        None
    }
    let mut places: Vec<&Place> = graph.keys().collect();
    places.sort();
    let mut marks = HashMap::new();
    for place in places {
        if !marks.contains_key(place)
            && let Some(found) = visit(place, graph, &mut marks, &mut Vec::new(), &mut Vec::new())
        {
            return Some(found);
        }
    }
    None
}

fn describe(place: &Place) -> String {
    match place {
        Place::Template(name) => format!("template `{name}`"),
        Place::Macro { file, name } => format!("macro `{name}` ({file})"),
    }
}

/// The error for recursion in the parsed templates of `tera`, if any: at
/// the call that closes the cycle, naming every step of it.
pub(crate) fn recursion(tera: &Tera, theme: &Theme) -> Option<Diagnostic> {
    let cycle = cycle(&graph(tera))?;
    let last = cycle.last()?;
    let chain: Vec<String> = cycle.iter().map(|call| describe(&call.to)).collect();
    let message = if cycle.len() == 1 {
        format!(
            "{} roept zichzelf aan; dat stopt nooit, want tera begrenst de diepte niet. Recursie in templates wordt niet ondersteund",
            describe(&last.to)
        )
    } else {
        format!(
            "recursie: {} → {}; dat stopt nooit, want tera begrenst de diepte niet. Recursie in templates wordt niet ondersteund",
            chain.join(" → "),
            chain[0]
        )
    };
    let text = theme
        .templates
        .iter()
        .find(|(name, _)| *name == last.file)
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    let path = theme.path_of(&last.file);
    let location = match text.find(&last.needle) {
        Some(at) => Location::at(path, at),
        None => Location::file(path),
    };
    Some(Diagnostic::new(
        location,
        Problem::Template {
            template: last.file.clone(),
            message,
        },
    ))
}

/// The 1-based line and column (in characters) of the first `needle` in
/// `text` that is inside a tag.
#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, i64)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect()
    }

    #[test]
    fn range_is_tera_s_range_within_the_bound() {
        assert_eq!(
            range(&args(&[("end", 5)])).unwrap(),
            serde_json::json!([0, 1, 2, 3, 4])
        );
        assert_eq!(
            range(&args(&[("start", 1), ("end", 8), ("step_by", 3)])).unwrap(),
            serde_json::json!([1, 4, 7])
        );
        let err = range(&args(&[("end", 1_000_000_000)])).unwrap_err();
        assert!(err.to_string().contains("maximum is 100000"), "{err}");
        assert!(range(&args(&[("end", 5), ("step_by", 0)])).is_err());
        assert!(range(&args(&[("end", -1)])).is_err());
        assert!(range(&args(&[("start", 3), ("end", 1)])).is_err());
    }

    fn theme(templates: &[(&str, &str)]) -> (Tera, Theme) {
        let theme = Theme {
            templates: templates
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            origin: "themes/t".into(),
            ..Theme::default()
        };
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        (tera, theme)
    }

    #[test]
    fn a_macro_that_calls_itself_is_found_with_its_line() {
        let text = "{% macro f(n) %}\n  {{ self::f(n=n) }}\n{% endmacro f %}";
        let (tera, theme) = theme(&[("m.html", text)]);
        let d = recursion(&tera, &theme).expect("recursion");
        // Line 2, column 6: the call `self::f(…)`.
        let at = text.find("self::f").unwrap();
        assert_eq!(crate::report::line_column(text, at), (2, 6));
        assert_eq!(d.location, Location::at("themes/t/templates/m.html", at));
        assert!(
            d.problem
                .to_string()
                .contains("macro `f` (m.html) roept zichzelf aan")
        );
    }

    #[test]
    fn recursion_through_imports_and_includes_is_found() {
        let (tera, theme) = theme(&[
            (
                "a.html",
                "{% import \"b.html\" as b %}{% macro x() %}{{ b::y() }}{% endmacro x %}",
            ),
            (
                "b.html",
                "{% import \"a.html\" as a %}{% macro y() %}{{ a::x() }}{% endmacro y %}",
            ),
        ]);
        let d = recursion(&tera, &theme).expect("recursion");
        assert!(d.problem.to_string().contains("recursie: "), "{d}");
        let (tera, theme) = theme_include();
        assert!(recursion(&tera, &theme).is_some());
    }

    fn theme_include() -> (Tera, Theme) {
        theme(&[
            ("p.html", "x{% include \"q.html\" %}"),
            ("q.html", "{% include \"p.html\" %}"),
        ])
    }

    #[test]
    fn the_shipped_theme_has_no_recursion() {
        let theme = super::super::theme::load(None, "rijksoverheid").unwrap();
        let tera = super::super::environment(&theme).unwrap();
        assert!(recursion(&tera, &theme).is_none());
    }
}
