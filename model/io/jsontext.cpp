#include "jsontext.h"

#include "core/displaytext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bulkhead::jsontext {

namespace {

/** The value of the four hex digits at text[pos], or -1 when they are not. */
long hexQuad(std::string_view text, std::size_t pos)
{
    if (pos + 4 > text.size())
        return -1;
    long value = 0;
    for (std::size_t i = pos; i < pos + 4; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!std::isxdigit(c))
            return -1;
        value = value * 16 + (std::isdigit(c) ? c - '0' : std::tolower(c) - 'a' + 10);
    }
    return value;
}

void appendUtf8(std::string &out, std::uint32_t codePoint)
{
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xC0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (codePoint >> 18));
        out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

std::size_t skipString(std::string_view text, std::size_t pos, std::string *decoded)
{
    // pos is at the opening quote; returns the index after the closing quote. Decoding is only
    // for matching keys against a JSON pointer, in text the parser has accepted.
    for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"')
            return pos + 1;
        if (c == '\\' && pos + 1 < text.size()) {
            ++pos;
            if (!decoded)
                continue;
            switch (text[pos]) {
            case 'n':
                decoded->push_back('\n');
                break;
            case 't':
                decoded->push_back('\t');
                break;
            case 'r':
                decoded->push_back('\r');
                break;
            case 'b':
                decoded->push_back('\b');
                break;
            case 'f':
                decoded->push_back('\f');
                break;
            case 'u': {
                const long unit = hexQuad(text, pos + 1);
                if (unit < 0) {
                    decoded->push_back('u');
                    break;
                }
                pos += 4;
                auto codePoint = static_cast<std::uint32_t>(unit);
                // A character past U+FFFF is written as two escapes: a high and a low surrogate.
                if (unit >= 0xD800 && unit <= 0xDBFF && text.substr(pos + 1, 2) == "\\u") {
                    const long low = hexQuad(text, pos + 3);
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        codePoint = 0x10000 + ((static_cast<std::uint32_t>(unit) - 0xD800) << 10)
                                    + (static_cast<std::uint32_t>(low) - 0xDC00);
                        pos += 6;
                    }
                }
                appendUtf8(*decoded, codePoint);
                break;
            }
            default:
                decoded->push_back(text[pos]);
                break;
            }
            continue;
        }
        if (decoded)
            decoded->push_back(c);
    }
    return text.size();
}

enum class Structure {
    ContainerStart, ///< '[' or '{'
    Key,            ///< the opening quote of an object key
};

/**
 * Offset of the `ordinal`-th (1-based) array or object start, or object key, counted as the
 * parser meets them. Only asked about text the parser read without error up to that point, so
 * counting brackets, commas and quotes outside strings finds exactly the place it stopped.
 */
std::size_t offsetOfStructure(std::string_view text, Structure wanted, std::size_t ordinal)
{
    struct Frame
    {
        bool isObject = false;
        bool expectKey = false;
    };
    std::vector<Frame> stack;
    std::size_t seen = 0;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
            if (!stack.empty() && stack.back().isObject && stack.back().expectKey) {
                stack.back().expectKey = false;
                if (wanted == Structure::Key && ++seen == ordinal)
                    return pos;
            }
            pos = skipString(text, pos, nullptr) - 1;
        } else if (c == '[' || c == '{') {
            if (wanted == Structure::ContainerStart && ++seen == ordinal)
                return pos;
            stack.push_back({c == '{', c == '{'});
        } else if (c == ']' || c == '}') {
            if (!stack.empty())
                stack.pop_back();
        } else if (c == ',' && !stack.empty() && stack.back().isObject) {
            stack.back().expectKey = true;
        }
    }
    return 0;
}

/**
 * Builds the document from nlohmann's SAX events and stops at the first problem, in the order
 * the file holds them: a syntax error; a number no double can hold (nlohmann's own DOM parser
 * throws an exception of a type nobody expects for it); an array or object nested deeper than
 * the limit, refused before it allocates anything; a key repeated within its object (the DOM
 * parser keeps the last one silently, which would hide a pasted-twice entry).
 */
class DocumentBuilder final : public nlohmann::json_sax<nlohmann::json>
{
public:
    enum class Problem { None, Syntax, NumberOutOfRange, TooDeep, DuplicateKey };

    // nlohmann::json's noexcept constructors call its assert_invariant(), which clang-tidy
    // takes for a throw; it only asserts.
    DocumentBuilder() = default; // NOLINT(bugprone-exception-escape)
    // Never copied or moved: it points into its own document.
    DocumentBuilder(const DocumentBuilder &) = delete;
    DocumentBuilder &operator=(const DocumentBuilder &) = delete;

    bool null() override { return place(nullptr); }
    bool boolean(bool value) override { return place(value); }
    bool number_integer(number_integer_t value) override { return place(value); }
    bool number_unsigned(number_unsigned_t value) override { return place(value); }
    bool number_float(number_float_t value, const string_t &) override { return place(value); }
    bool string(string_t &value) override { return place(std::move(value)); }
    bool binary(binary_t &) override { return false; } // only binary formats have these

    bool start_object(std::size_t) override { return open(nlohmann::json::object()); }
    bool start_array(std::size_t) override { return open(nlohmann::json::array()); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t &key) override
    {
        ++m_keysSeen;
        nlohmann::json &object = *m_open.back();
        if (object.contains(key)) {
            m_problem = Problem::DuplicateKey;
            m_duplicateKey = key;
            return false;
        }
        m_member = &object[key];
        return true;
    }

    bool parse_error(std::size_t position, const std::string &lastToken,
                     const nlohmann::json::exception &error) override
    {
        // 406 is the one out_of_range error the parser reports: a number past ±1.8e308.
        m_problem = error.id == 406 ? Problem::NumberOutOfRange : Problem::Syntax;
        m_errorPosition = position;
        m_lastToken = lastToken;
        m_errorText = error.what();
        return false;
    }

    Problem problem() const { return m_problem; }
    nlohmann::json takeDocument() { return std::move(m_document); }
    std::size_t containersSeen() const { return m_containersSeen; }
    std::size_t keysSeen() const { return m_keysSeen; }
    const std::string &duplicateKey() const { return m_duplicateKey; }
    /** Bytes the parser had read when it found the error. */
    std::size_t errorPosition() const { return m_errorPosition; }
    /** The token it was reading, as nlohmann shows it (control characters as <U+001B>). */
    const std::string &lastToken() const { return m_lastToken; }
    const std::string &errorText() const { return m_errorText; }

private:
    /** Puts a value where the parser is: the root, the next array item or the current member. */
    nlohmann::json &store(nlohmann::json value)
    {
        if (m_open.empty()) {
            m_document = std::move(value);
            return m_document;
        }
        nlohmann::json &parent = *m_open.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return parent.back();
        }
        *m_member = std::move(value);
        return *m_member;
    }

    bool place(nlohmann::json value)
    {
        store(std::move(value));
        return true;
    }

    bool open(nlohmann::json empty)
    {
        ++m_containersSeen;
        if (m_open.size() >= static_cast<std::size_t>(maxNestingDepth)) {
            m_problem = Problem::TooDeep;
            return false;
        }
        m_open.push_back(&store(std::move(empty)));
        return true;
    }

    bool close()
    {
        m_open.pop_back();
        return true;
    }

    nlohmann::json m_document;
    /** The arrays and objects being filled, outermost first; never deeper than the limit. */
    std::vector<nlohmann::json *> m_open;
    nlohmann::json *m_member = nullptr;
    Problem m_problem = Problem::None;
    std::size_t m_containersSeen = 0;
    std::size_t m_keysSeen = 0;
    std::string m_duplicateKey;
    std::size_t m_errorPosition = 0;
    std::string m_lastToken;
    std::string m_errorText;
};

/** nlohmann's syntax message without its own position prefix, the token it quotes cut short. */
std::string syntaxMessage(const DocumentBuilder &builder)
{
    std::string what = builder.errorText();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: "
    // prefix: the position is reported in our own format.
    if (const auto colon = what.find(": "); colon != std::string::npos)
        what = what.substr(colon + 2);
    // The token can be a whole string of many megabytes; quote only its start.
    const std::string quoted = "last read: '" + builder.lastToken() + "'";
    if (const auto at = what.find(quoted); at != std::string::npos)
        what.replace(at, quoted.size(), "last read: '" + displayExcerpt(builder.lastToken()) + "'");
    return displayText(what);
}

std::vector<std::string> pointerTokens(std::string_view pointer)
{
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < pointer.size() && pointer[pos] == '/') {
        const std::size_t next = pointer.find('/', pos + 1);
        std::string token(pointer.substr(
            pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1));
        // RFC 6901 escapes.
        for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i)
            token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
        tokens.push_back(std::move(token));
        pos = next == std::string_view::npos ? pointer.size() : next;
    }
    return tokens;
}

} // namespace

TextPosition positionOfOffset(std::string_view text, std::size_t offset)
{
    TextPosition position{1, 1};
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

std::string formatMessage(const std::string &sourceName, TextPosition position,
                          const std::string &message)
{
    // Both may quote the file; escaping here keeps every message one bounded line of plain
    // text whatever its author forgot (escaping twice changes nothing).
    const std::string source = displayText(sourceName);
    if (position.line == 0)
        return source + ": " + displayLine(message);
    return source + ":" + std::to_string(position.line) + ":" + std::to_string(position.column)
           + ": " + displayLine(message);
}

Result<nlohmann::json> parse(std::string_view text, const std::string &sourceName)
{
    DocumentBuilder builder;
    // For JSON text sax_parse reports every problem to the builder instead of throwing, and
    // keeps only one entry per open array or object on its own heap stack.
    if (nlohmann::json::sax_parse(text.begin(), text.end(), &builder))
        return builder.takeDocument();
    auto failure = [&](std::size_t offset, const std::string &message) {
        return Result<nlohmann::json>::failure(
            formatMessage(sourceName, positionOfOffset(text, offset), message));
    };
    switch (builder.problem()) {
    case DocumentBuilder::Problem::NumberOutOfRange: {
        // The parser has read exactly the number: it starts that many bytes back.
        const std::string &number = builder.lastToken();
        const std::size_t end = std::min(builder.errorPosition(), text.size());
        return failure(end >= number.size() ? end - number.size() : 0,
                       "number " + displayExcerpt(number)
                           + " is out of range (numbers must lie within ±1.8e308)");
    }
    case DocumentBuilder::Problem::TooDeep:
        return failure(offsetOfStructure(text, Structure::ContainerStart, builder.containersSeen()),
                       "JSON is nested more than " + std::to_string(maxNestingDepth)
                           + " levels deep; this is not a Bulkhead file");
    case DocumentBuilder::Problem::DuplicateKey:
        return failure(offsetOfStructure(text, Structure::Key, builder.keysSeen()),
                       "invalid JSON: the key " + displayQuoted(builder.duplicateKey())
                           + " appears twice in one object");
    case DocumentBuilder::Problem::Syntax:
    case DocumentBuilder::Problem::None:
        break;
    }
    // nlohmann's position is 1-based and points just past the offending character.
    const std::size_t position = builder.errorPosition();
    return failure(
        position > 0 ? position - 1 : 0,
        "invalid JSON: "
            + (text.empty() ? std::string("the file is empty") : syntaxMessage(builder)));
}

TextPosition locate(std::string_view text, std::string_view jsonPointer)
{
    struct Frame
    {
        bool isArray = false;
        std::size_t index = 0;
        std::string key;
        bool expectKey = false;
    };
    const std::vector<std::string> target = pointerTokens(jsonPointer);
    std::vector<Frame> stack;
    std::size_t bestDepth = 0;
    std::size_t bestOffset = 0;
    bool found = false;

    auto currentMatches = [&]() {
        // Number of leading target tokens matched by the current path.
        if (stack.size() > target.size())
            return false;
        for (std::size_t i = 0; i < stack.size(); ++i) {
            const Frame &f = stack[i];
            const std::string token = f.isArray ? std::to_string(f.index) : f.key;
            if (token != target[i])
                return false;
        }
        return true;
    };
    auto valueStarts = [&](std::size_t offset) {
        if (currentMatches() && (stack.size() >= bestDepth || !found)) {
            bestDepth = stack.size();
            bestOffset = offset;
            found = true;
            return stack.size() == target.size();
        }
        return false;
    };

    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (std::isspace(static_cast<unsigned char>(c)) || c == ':')
            continue;
        if (c == ',') {
            if (!stack.empty()) {
                if (stack.back().isArray)
                    ++stack.back().index;
                else
                    stack.back().expectKey = true;
            }
            continue;
        }
        if (c == ']' || c == '}') {
            if (!stack.empty())
                stack.pop_back();
            continue;
        }
        if (c == '"' && !stack.empty() && stack.back().expectKey) {
            std::string key;
            pos = skipString(text, pos, &key) - 1;
            stack.back().key = std::move(key);
            stack.back().expectKey = false;
            continue;
        }
        if (valueStarts(pos))
            break;
        if (c == '[' || c == '{') {
            Frame frame;
            frame.isArray = c == '[';
            frame.expectKey = !frame.isArray;
            stack.push_back(frame);
        } else if (c == '"') {
            pos = skipString(text, pos, nullptr) - 1;
        } else {
            while (pos + 1 < text.size() && text[pos + 1] != ',' && text[pos + 1] != ']'
                   && text[pos + 1] != '}'
                   && !std::isspace(static_cast<unsigned char>(text[pos + 1])))
                ++pos;
        }
    }
    return found ? positionOfOffset(text, bestOffset) : TextPosition{};
}

std::string readablePath(std::string_view jsonPointer)
{
    std::string out;
    for (const std::string &token : pointerTokens(jsonPointer)) {
        const bool numeric = !token.empty()
                             && token.find_first_not_of("0123456789") == std::string::npos;
        if (numeric)
            out += "[" + token + "]";
        else
            out += (out.empty() ? "" : ".") + displayExcerpt(token);
    }
    return out;
}

} // namespace bulkhead::jsontext
