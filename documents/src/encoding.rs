//! Text encodings report files come in, besides UTF-8: UTF-16 (Windows converters, Word's
//! "Unicode" web page) and Windows-1252 (Word's code page on Western and Indonesian systems).

/// UTF-16 text after its byte-order mark; an unpaired surrogate becomes U+FFFD and an odd last
/// byte is dropped.
pub fn utf16(body: &[u8], big_endian: bool) -> String {
    let units = body.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect()
}

/// The characters of Windows-1252 bytes 0x80–0x9F (where it differs from Latin-1); the five
/// bytes it leaves undefined map to themselves.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Windows-1252 text: every byte is a character, none is lost.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}
