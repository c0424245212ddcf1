//! Analysis of date/time picture strings (`[Y0001]-[M01]-[D01]`) into literals and markers.

use super::format_integer::{Case, IntegerFormat, analyse_integer_picture};
use crate::error::EvaluationError;

#[derive(Clone, Debug)]
pub(crate) struct Marker {
    pub(crate) component: char,
    pub(crate) presentation2: Option<char>,
    pub(crate) names: Option<Case>,
    pub(crate) width_max: Option<usize>,
    pub(crate) integer: Option<IntegerFormat>,
    pub(crate) n: i64,
}

#[derive(Clone, Debug)]
pub(crate) enum PicturePart {
    Literal(String),
    Marker(Box<Marker>),
}

fn default_presentation(component: char) -> Option<&'static str> {
    Some(match component {
        'Y' | 'M' | 'D' | 'd' | 'W' | 'w' | 'X' | 'x' | 'H' | 'h' | 'f' => "1",
        'F' | 'P' | 'C' | 'E' => "n",
        'm' | 's' => "01",
        'Z' | 'z' => "01:01",
        _ => return None,
    })
}

pub(crate) fn analyse_picture(picture: &str) -> Result<Vec<PicturePart>, EvaluationError> {
    let mut parts = Vec::new();
    let chars: Vec<char> = picture.chars().collect();
    let literal = |from: usize, to: usize, parts: &mut Vec<PicturePart>| {
        if to > from {
            let text: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
            parts.push(PicturePart::Literal(text.replace("]]", "]")));
        }
    };
    let mut start = 0;
    let mut position = 0;
    while position < chars.len() {
        if chars.get(position) == Some(&'[') {
            if chars.get(position + 1) == Some(&'[') {
                literal(start, position, &mut parts);
                parts.push(PicturePart::Literal("[".to_string()));
                position += 2;
                start = position;
                continue;
            }
            literal(start, position, &mut parts);
            start = position;
            let Some(close) = chars
                .get(start..)
                .and_then(|rest| rest.iter().position(|&c| c == ']'))
                .map(|i| i + start)
            else {
                return Err(EvaluationError::new(
                    "D3135",
                    "no matching closing bracket ']' in date/time picture string",
                ));
            };
            position = close;
            let marker: String = chars
                .get(start + 1..close)
                .unwrap_or(&[])
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            parts.push(PicturePart::Marker(Box::new(parse_marker(&marker)?)));
            start = position + 1;
        }
        position += 1;
    }
    literal(start, chars.len(), &mut parts);
    Ok(parts)
}

fn parse_marker(marker: &str) -> Result<Marker, EvaluationError> {
    let component = marker.chars().next().unwrap_or(' ');
    let rest: String = marker.chars().skip(1).collect();
    let (modifier, width) = match rest.rfind(',') {
        Some(comma) => (
            rest.get(..comma).unwrap_or("").to_string(),
            Some(rest.get(comma + 1..).unwrap_or("").to_string()),
        ),
        None => (rest.clone(), None),
    };
    let parse_width = |text: &str| -> Option<usize> {
        if text == "*" || text.is_empty() {
            None
        } else {
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        }
    };
    let (width_min, width_max) = match &width {
        Some(width) => match width.split_once('-') {
            Some((min, max)) => (parse_width(min), parse_width(max)),
            None => (parse_width(width), None),
        },
        None => (None, None),
    };
    let mut presentation2 = None;
    let presentation1 = if modifier.chars().count() > 1 {
        let last = modifier.chars().last().unwrap_or(' ');
        if "atco".contains(last) {
            presentation2 = Some(last);
            modifier
                .chars()
                .take(modifier.chars().count() - 1)
                .collect()
        } else {
            modifier
        }
    } else if modifier.is_empty() {
        default_presentation(component)
            .ok_or_else(|| {
                EvaluationError::new(
                    "D3132",
                    format!("unknown component specifier {component} in date/time picture string"),
                )
            })?
            .to_string()
    } else {
        modifier
    };
    let mut names = None;
    let mut integer = None;
    let mut n = -1;
    let mut first = presentation1.chars();
    match (first.next(), first.next()) {
        (Some('n'), _) => names = Some(Case::Lower),
        (Some('N'), Some('n')) => names = Some(Case::Title),
        (Some('N'), _) => names = Some(Case::Upper),
        _ if "YMDdFWwXxHhmsf".contains(component) => {
            let mut pattern = presentation1.clone();
            if let Some(p2) = presentation2 {
                pattern.push(';');
                pattern.push(p2);
            }
            let mut format = analyse_integer_picture(&pattern)?;
            if let Some(min) = width_min {
                format.mandatory_digits = format.mandatory_digits.max(min);
            }
            if "YMD".contains(component) {
                if let Some(max) = width_max {
                    n = i64::try_from(max).unwrap_or(-1);
                    format.mandatory_digits = max;
                } else {
                    let w = format.mandatory_digits + format.optional_digits;
                    if w >= 2 {
                        n = i64::try_from(w).unwrap_or(-1);
                    }
                }
            }
            integer = Some(format);
        }
        _ => {}
    }
    if component == 'Z' || component == 'z' {
        integer = Some(analyse_integer_picture(&presentation1)?);
    }
    Ok(Marker {
        component,
        presentation2,
        names,
        width_max,
        integer,
        n,
    })
}
