#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Streams indented JSON without building a document in memory: analysis reports of large
 * models run to gigabytes, which a DOM would have to hold several times over. Strings are
 * escaped per RFC 8259; invalid UTF-8 is replaced by U+FFFD, so hostile names cannot break
 * the output.
 */
class JsonWriter
{
public:
    explicit JsonWriter(std::ostream &out, int indent = 2);
    /** Flushes what is buffered to the stream. */
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    /** The key of the next value inside an object. */
    JsonWriter &key(std::string_view name);

    JsonWriter &value(std::string_view text);
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(bool flag);
    JsonWriter &value(std::int64_t number);
    JsonWriter &value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter &value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter &value(double number);
    JsonWriter &null();

    /** Shorthand for key(name).value(v). */
    template<typename T>
    JsonWriter &field(std::string_view name, const T &v)
    {
        key(name);
        return value(v);
    }

    /** Appends `text` as a JSON string literal (with quotes) to `out`. */
    static void writeString(std::string &out, std::string_view text);

private:
    void beforeValue();
    void newline();
    void flushIfFull();

    std::ostream &m_out;
    // Characters go to a string first and to the stream in large blocks: ostream::put per
    // character costs more than the whole rest of the report.
    std::string m_buffer;
    int m_indent;
    struct Level
    {
        bool isObject;
        bool empty;
    };
    std::vector<Level> m_levels;
    bool m_afterKey = false;
};

} // namespace bulkhead
