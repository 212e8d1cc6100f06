#include "jsonwriter.h"

#include <cmath>
#include <cstdio>

namespace bulkhead {

JsonWriter::JsonWriter(std::ostream &out, int indent)
    : m_out(out)
    , m_indent(indent)
{}

void JsonWriter::newline()
{
    m_out.put('\n');
    for (std::size_t i = 0; i < m_levels.size() * static_cast<std::size_t>(m_indent); ++i)
        m_out.put(' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_levels.empty()) {
        if (!m_levels.back().empty)
            m_out.put(',');
        m_levels.back().empty = false;
        newline();
    }
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_out.put('{');
    m_levels.push_back({true, true});
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty)
        newline();
    m_out.put('}');
    if (m_levels.empty())
        m_out.put('\n');
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_out.put('[');
    m_levels.push_back({false, true});
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty)
        newline();
    m_out.put(']');
    if (m_levels.empty())
        m_out.put('\n');
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    beforeValue();
    writeString(m_out, name);
    m_out.write(": ", 2);
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view text)
{
    beforeValue();
    writeString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    m_out << (flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t number)
{
    beforeValue();
    m_out << number;
    return *this;
}

JsonWriter &JsonWriter::value(double number)
{
    beforeValue();
    if (!std::isfinite(number)) {
        m_out << "null";
        return *this;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", number);
    m_out << buffer;
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out << "null";
    return *this;
}

void JsonWriter::writeString(std::ostream &out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.put('"');
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
            case '"': out.write("\\\"", 2); break;
            case '\\': out.write("\\\\", 2); break;
            case '\n': out.write("\\n", 2); break;
            case '\r': out.write("\\r", 2); break;
            case '\t': out.write("\\t", 2); break;
            default:
                if (c < 0x20) {
                    const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                    out.write(escaped, sizeof escaped);
                } else {
                    out.put(static_cast<char>(c));
                }
            }
            ++i;
            continue;
        }
        // A well-formed UTF-8 sequence passes through; anything else becomes U+FFFD.
        const int length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
        bool valid = length > 0 && i + static_cast<std::size_t>(length) <= text.size();
        for (int k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0xC0) == 0x80;
        if (valid && length == 3) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0); // overlong, surrogate
        }
        if (valid && length == 4) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (valid) {
            out.write(text.data() + i, length);
            i += static_cast<std::size_t>(length);
        } else {
            out.write("\xEF\xBF\xBD", 3);
            ++i;
        }
    }
    out.put('"');
}

} // namespace bulkhead
