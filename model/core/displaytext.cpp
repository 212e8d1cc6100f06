#include "displaytext.h"

#include <cstdint>
#include <utility>

namespace bulkhead {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

/** One character of input as it is shown: its own bytes, or an escape. */
struct DisplayUnit
{
    std::size_t inputBytes = 1;
    std::string shown;
    std::size_t shownCharacters = 1;
};

std::string byteEscape(unsigned char byte)
{
    return {'\\', 'x', hexDigits[byte >> 4], hexDigits[byte & 0xF]};
}

std::string codePointEscape(std::uint32_t codePoint)
{
    std::string escape = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        escape += hexDigits[(codePoint >> shift) & 0xF];
    return escape;
}

bool actsOnDisplay(std::uint32_t codePoint)
{
    return (codePoint >= 0x80 && codePoint <= 0x9F)        // C1 controls (8-bit CSI, OSC…)
           || codePoint == 0x061C                          // Arabic letter mark
           || codePoint == 0x200E || codePoint == 0x200F   // left-to-right / right-to-left marks
           || (codePoint >= 0x202A && codePoint <= 0x202E) // embeddings and overrides
           || (codePoint >= 0x2066 && codePoint <= 0x2069) // isolates
           || codePoint == 0x2028 || codePoint == 0x2029;  // line and paragraph separators
}

bool isContinuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

/**
 * Length of the well-formed UTF-8 sequence at the start of `text` and its code point, or 0 when
 * the bytes are not one (overlong forms, surrogates and values past U+10FFFF included).
 */
std::size_t decodeUtf8(std::string_view text, std::uint32_t &codePoint)
{
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        codePoint = lead & 0x1F;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        codePoint = lead & 0x0F;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        codePoint = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (text.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (!isContinuation(byte))
            return 0;
        codePoint = (codePoint << 6) | (byte & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

DisplayUnit escaped(std::string escape, std::size_t inputBytes)
{
    const std::size_t characters = escape.size();
    return {inputBytes, std::move(escape), characters};
}

DisplayUnit nextUnit(std::string_view text)
{
    const auto byte = static_cast<unsigned char>(text[0]);
    if (byte < 0x80) {
        if (byte < 0x20 || byte == 0x7F)
            return escaped(byteEscape(byte), 1);
        return {1, std::string(1, text[0]), 1};
    }
    std::uint32_t codePoint = 0;
    const std::size_t length = decodeUtf8(text, codePoint);
    if (length == 0)
        return escaped(byteEscape(byte), 1);
    if (actsOnDisplay(codePoint))
        return escaped(codePointEscape(codePoint), length);
    return {length, std::string(text.substr(0, length)), 1};
}

} // namespace

std::string displayText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const DisplayUnit unit = nextUnit(text);
        out += unit.shown;
        text.remove_prefix(unit.inputBytes);
    }
    return out;
}

std::string displayExcerpt(std::string_view text, std::size_t maxCharacters)
{
    std::string out;
    std::size_t characters = 0;
    while (!text.empty()) {
        const DisplayUnit unit = nextUnit(text);
        if (characters + unit.shownCharacters > maxCharacters)
            return out + "…";
        out += unit.shown;
        characters += unit.shownCharacters;
        text.remove_prefix(unit.inputBytes);
    }
    return out;
}

std::string displayQuoted(std::string_view text)
{
    return "\"" + displayExcerpt(text) + "\"";
}

std::string displayLine(std::string_view text)
{
    return displayExcerpt(text, displayLineLength);
}

} // namespace bulkhead
