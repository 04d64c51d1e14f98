//! Character references in markup (HTML pages, poppler's XML): the XML five, numeric ones, and
//! the HTML names reports use. An unknown or malformed reference stays as written.

/// Decodes the character references of a text run (`&nbsp;`, `&amp;`, `&#8211;`, `&#x2013;`).
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let (name, after) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], &rest[e + 1..]),
            _ => ("", rest),
        };
        match entity(name) {
            Some(c) => {
                out.push(c);
                rest = after;
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "sup2" => '²',
        "times" => '×',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn references_are_decoded_and_bare_ampersands_kept() {
        assert_eq!(decode("a &amp; b &lt;i&gt;"), "a & b <i>");
        assert_eq!(decode("&#65;&#x42;&nbsp;&ndash;"), "AB –");
        assert_eq!(decode("R&D & co"), "R&D & co");
        assert_eq!(decode("&bogus; &#99999999; &"), "&bogus; &#99999999; &");
    }
}
