#include "jsontext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace bulkhead::jsontext {

namespace {

std::size_t skipString(std::string_view text, std::size_t pos, std::string *decoded)
{
    // pos is at the opening quote; returns the index after the closing quote.
    for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"')
            return pos + 1;
        if (c == '\\' && pos + 1 < text.size()) {
            ++pos;
            if (decoded) {
                // Only simple escapes matter for matching keys; others are kept verbatim.
                switch (text[pos]) {
                case 'n': decoded->push_back('\n'); break;
                case 't': decoded->push_back('\t'); break;
                case 'r': decoded->push_back('\r'); break;
                case 'b': decoded->push_back('\b'); break;
                case 'f': decoded->push_back('\f'); break;
                default: decoded->push_back(text[pos]); break;
                }
            }
            continue;
        }
        if (decoded)
            decoded->push_back(c);
    }
    return text.size();
}

// nlohmann quotes the bytes it choked on; in a binary or mis-encoded file those would reach
// the terminal raw, so anything outside printable ASCII is shown as \xNN.
std::string printable(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F) {
            out += c;
        } else {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

struct StructuralProblem
{
    std::size_t offset;
    std::string message;
};

/**
 * One pass over text that already parsed: the first place nested deeper than `limit`, or the
 * first key that repeats within its object (nlohmann keeps the last silently, which would hide
 * a pasted-twice entry). Keys are compared as written, escapes and all.
 */
std::optional<StructuralProblem> structuralProblem(std::string_view text, int limit)
{
    struct Frame
    {
        bool isObject = false;
        bool expectKey = false;
        std::vector<std::string_view> keys;
    };
    std::vector<Frame> stack;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
            const std::size_t end = skipString(text, pos, nullptr);
            if (!stack.empty() && stack.back().isObject && stack.back().expectKey) {
                const std::string_view key = text.substr(pos + 1, end - pos - 2);
                auto &keys = stack.back().keys;
                if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
                    return StructuralProblem{pos, "invalid JSON: the key \"" + printable(key)
                                                      + "\" appears twice in one object"};
                }
                keys.push_back(key);
                stack.back().expectKey = false;
            }
            pos = end - 1;
        } else if (c == '[' || c == '{') {
            if (static_cast<int>(stack.size()) >= limit) {
                return StructuralProblem{pos, "JSON is nested more than " + std::to_string(limit)
                                                  + " levels deep; this is not a Bulkhead file"};
            }
            stack.push_back({c == '{', c == '{', {}});
        } else if (c == ']' || c == '}') {
            if (!stack.empty())
                stack.pop_back();
        } else if (c == ',' && !stack.empty() && stack.back().isObject) {
            stack.back().expectKey = true;
        }
    }
    return std::nullopt;
}

std::vector<std::string> pointerTokens(std::string_view pointer)
{
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < pointer.size() && pointer[pos] == '/') {
        const std::size_t next = pointer.find('/', pos + 1);
        std::string token(pointer.substr(pos + 1, next == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : next - pos - 1));
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
    if (position.line == 0)
        return sourceName + ": " + message;
    return sourceName + ":" + std::to_string(position.line) + ":" + std::to_string(position.column)
           + ": " + message;
}

Result<nlohmann::json> parse(std::string_view text, const std::string &sourceName)
{
    nlohmann::json document;
    try {
        // nlohmann's plain parser keeps its own stack on the heap, so even absurd nesting
        // cannot overflow ours; depth and duplicate keys are checked after a successful parse
        // so that a syntax error early in the file is reported as such.
        document = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error &error) {
        // nlohmann's byte is 1-based and points just past the offending character.
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        std::string what = error.what();
        // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: "
        // prefix: the position is reported in our own format.
        if (const auto colon = what.find(": "); colon != std::string::npos)
            what = what.substr(colon + 2);
        what = text.empty() ? std::string("the file is empty") : printable(what);
        return Result<nlohmann::json>::failure(
            formatMessage(sourceName, positionOfOffset(text, offset), "invalid JSON: " + what));
    }
    if (const auto problem = structuralProblem(text, maxNestingDepth)) {
        return Result<nlohmann::json>::failure(
            formatMessage(sourceName, positionOfOffset(text, problem->offset), problem->message));
    }
    return document;
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
                   && text[pos + 1] != '}' && !std::isspace(static_cast<unsigned char>(text[pos + 1])))
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
            out += (out.empty() ? "" : ".") + token;
    }
    return out;
}

} // namespace bulkhead::jsontext
