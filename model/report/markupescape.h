#pragma once

// Private to the report writers: what escaping text for XML/HTML and for Markdown shares.

#include <string>
#include <string_view>

namespace bulkhead {

/**
 * `text` with & < > as their entities (both XML and Markdown, which passes HTML through, would
 * read them as markup) and every other character as `appendOther(out, c)` appends it.
 */
template<typename AppendOther>
std::string escapeMarkup(std::string_view text, AppendOther appendOther)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            appendOther(out, c);
        }
    }
    return out;
}

/**
 * Appends `c` as it is, but a control character as a space unless it is one of `keptControls`:
 * a stray control character must not reach a reader's terminal or break a line of markup.
 */
inline void appendPlain(std::string &out, char c, std::string_view keptControls)
{
    const bool control = static_cast<unsigned char>(c) < 0x20;
    out += control && keptControls.find(c) == std::string_view::npos ? ' ' : c;
}

} // namespace bulkhead
