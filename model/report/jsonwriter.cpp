#include "jsonwriter.h"

#include <cmath>
#include <cstdio>

namespace bulkhead {

JsonWriter::JsonWriter(std::ostream &out, int indent)
    : m_out(out)
    , m_indent(indent)
{
    m_buffer.reserve(1 << 17);
}

JsonWriter::~JsonWriter()
{
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
}

void JsonWriter::flushIfFull()
{
    if (m_buffer.size() >= (1 << 16)) {
        m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
        m_buffer.clear();
    }
}

void JsonWriter::newline()
{
    flushIfFull();
    m_buffer.push_back('\n');
    m_buffer.append(m_levels.size() * static_cast<std::size_t>(m_indent), ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_levels.empty()) {
        if (!m_levels.back().empty)
            m_buffer.push_back(',');
        m_levels.back().empty = false;
        newline();
    }
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_buffer.push_back('{');
    m_levels.push_back({true, true});
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty)
        newline();
    m_buffer.push_back('}');
    if (m_levels.empty())
        m_buffer.push_back('\n');
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_buffer.push_back('[');
    m_levels.push_back({false, true});
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty)
        newline();
    m_buffer.push_back(']');
    if (m_levels.empty())
        m_buffer.push_back('\n');
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    beforeValue();
    writeString(m_buffer, name);
    m_buffer.append(": ");
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view text)
{
    beforeValue();
    writeString(m_buffer, text);
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    m_buffer.append(flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t number)
{
    beforeValue();
    m_buffer.append(std::to_string(number));
    return *this;
}

JsonWriter &JsonWriter::value(double number)
{
    beforeValue();
    if (!std::isfinite(number)) {
        m_buffer.append("null");
        return *this;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", number);
    m_buffer.append(buffer);
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_buffer.append("null");
    return *this;
}

void JsonWriter::writeString(std::string &out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (c < 0x20) {
                    const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                    out.append(escaped, sizeof escaped);
                } else {
                    out.push_back(static_cast<char>(c));
                }
            }
            ++i;
            continue;
        }
        // A well-formed UTF-8 sequence passes through; anything else becomes U+FFFD.
        const int length = c >= 0xF0 && c <= 0xF4   ? 4
                           : c >= 0xE0              ? 3
                           : c >= 0xC2 && c <= 0xDF ? 2
                                                    : 0;
        bool valid = length > 0 && i + static_cast<std::size_t>(length) <= text.size();
        for (int k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0xC0)
                    == 0x80;
        if (valid && length == 3) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0); // overlong, surrogate
        }
        if (valid && length == 4) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (valid) {
            out.append(text.data() + i, static_cast<std::size_t>(length));
            i += static_cast<std::size_t>(length);
        } else {
            out.append("\xEF\xBF\xBD");
            ++i;
        }
    }
    out.push_back('"');
}

} // namespace bulkhead
