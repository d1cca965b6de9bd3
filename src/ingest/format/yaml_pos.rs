//! Positions of YAML nodes, taken from the YAML parser's own events (saphyr-parser) in one linear pass:
//! every mapping, sequence and scalar value gets the line and column where it starts, keyed by its JSON
//! pointer (`/rules/3`, `/vm/ip`). The typed reading stays with serde; this only answers "where".

use crate::model::Origin;
use saphyr_parser::{Event, Parser};
use std::collections::HashMap;

/// Where each node of a YAML document starts.
#[derive(Debug, Default, Clone)]
pub struct YamlPos {
    at: HashMap<String, (usize, usize)>,
}

enum Frame {
    Map { ptr: String, key: Option<String> },
    Seq { ptr: String, idx: usize },
}

fn escape(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

impl YamlPos {
    /// Reads the positions of the first document of `text`. A syntax error ends the reading there (the
    /// typed parse reports it); anchors are not expanded, so the work is linear in the text.
    pub fn of(text: &str) -> YamlPos {
        let mut at = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((ev, span))) = parser.next_event() {
            let pos = (span.start.line(), span.start.col() + 1);
            // the pointer of a node starting here; `None` when it is a mapping key
            let node_ptr = |stack: &mut Vec<Frame>| -> Option<String> {
                match stack.last_mut() {
                    None => Some(String::new()),
                    Some(Frame::Seq { ptr, idx }) => {
                        let p = format!("{ptr}/{idx}");
                        *idx += 1;
                        Some(p)
                    }
                    Some(Frame::Map { ptr, key }) => {
                        key.take().map(|k| format!("{ptr}/{}", escape(&k)))
                    }
                }
            };
            match ev {
                Event::Scalar(v, ..) => {
                    let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                    if is_key {
                        if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                            *key = Some(v.to_string());
                        }
                    } else if let Some(p) = node_ptr(&mut stack) {
                        at.entry(p).or_insert(pos);
                    }
                }
                Event::Alias(_) => {
                    if let Some(p) = node_ptr(&mut stack) {
                        at.entry(p).or_insert(pos);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    // a collection used as a mapping key has no pointer: give it a placeholder path
                    let p = node_ptr(&mut stack).unwrap_or_else(|| "\u{0}complex-key".into());
                    at.entry(p.clone()).or_insert(pos);
                    stack.push(if matches!(ev, Event::MappingStart(..)) {
                        Frame::Map { ptr: p, key: None }
                    } else {
                        Frame::Seq { ptr: p, idx: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        YamlPos { at }
    }

    /// 1-based line and column of the node at `pointer`, if there is one.
    pub fn get(&self, pointer: &str) -> Option<(usize, usize)> {
        self.at.get(pointer).copied()
    }

    /// 1-based line of the node at `pointer` (0 when there is none).
    pub fn line(&self, pointer: &str) -> usize {
        self.get(pointer).map_or(0, |p| p.0)
    }

    /// The node at `pointer` as an [`Origin`] in `file` (the file alone when there is no such node).
    pub fn origin(&self, file: &str, pointer: &str) -> Origin {
        match self.get(pointer) {
            Some((line, col)) => Origin {
                file: crate::model::file_name(file),
                line,
                col,
                pointer: pointer.to_string(),
            },
            None => Origin::at(file, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_nodes_get_their_positions() {
        let t = "name: nsg-a\nrules:\n  - name: r1\n    priority: 100\n  - {name: r2, priority: 200}\nvm:\n  ip: 10.0.0.x\n";
        let p = YamlPos::of(t);
        assert_eq!(p.get("/name"), Some((1, 7)));
        assert_eq!(p.get("/rules/0"), Some((3, 5)));
        assert_eq!(p.get("/rules/0/priority"), Some((4, 15)));
        assert_eq!(p.get("/rules/1"), Some((5, 5)));
        assert_eq!(p.get("/rules/1/name"), Some((5, 12)));
        assert_eq!(p.get("/vm/ip"), Some((7, 7)));
        assert_eq!(p.origin("s.yaml", "/vm/ip").to_string(), "s.yaml:7:7");
        assert_eq!(p.get("/nothing"), None);
    }
}
