#include "propertyspec.h"

#include "core/displaytext.h"

#include <algorithm>
#include <array>
#include <utility>

namespace bulkhead {

namespace {

constexpr std::array<std::pair<PropertyType, std::string_view>, 6> typeKeys{{
    {PropertyType::Bool, "bool"},
    {PropertyType::Tri, "tri"},
    {PropertyType::Enum, "enum"},
    {PropertyType::Int, "int"},
    {PropertyType::String, "string"},
    {PropertyType::StringList, "stringList"},
}};

constexpr std::array<std::pair<PropertyTopic, std::string_view>, 6> topicKeys{{
    {PropertyTopic::Identity, "identity"},
    {PropertyTopic::Image, "image"},
    {PropertyTopic::RuntimeSecurity, "runtimeSecurity"},
    {PropertyTopic::Network, "network"},
    {PropertyTopic::Data, "data"},
    {PropertyTopic::Notes, "notes"},
}};

std::string joinAlternatives(const std::vector<std::string> &values)
{
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += i + 1 == values.size() ? " or " : ", ";
        out += values[i];
    }
    return out;
}

// Letters by ASCII only: catalogs name properties in ASCII, and the locale must not matter.
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isSeparator(char c)
{
    return c == '.' || c == '_' || c == '-' || c == ' ' || (c >= '\t' && c <= '\r');
}

std::string asciiLower(std::string text)
{
    for (char &c : text)
        c = isUpper(c) ? char(c - 'A' + 'a') : c;
    return text;
}

bool hasNoLowercase(const std::string &word)
{
    return std::none_of(word.begin(), word.end(), isLower);
}

/** "readOnlyRootFilesystem" → read, Only, Root, Filesystem; "hostPID" → host, PID. */
std::vector<std::string> splitWords(std::string_view raw)
{
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty())
            words.push_back(word);
        word.clear();
    };
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (isSeparator(c)) {
            flush();
            continue;
        }
        if (!word.empty() && isUpper(c)) {
            const char previous = raw[i - 1];
            const bool nextIsLower = i + 1 < raw.size() && isLower(raw[i + 1]);
            // aB, 2B and the B of "ABc" (an acronym followed by a word) start a new word.
            if (isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower))
                flush();
        }
        word.push_back(c);
    }
    flush();
    return words;
}

} // namespace

std::string readablePropertyName(std::string_view name)
{
    std::string out;
    for (std::string word : splitWords(name)) {
        // A word of two or more characters in capitals is an acronym ("SA", "L2") and stays.
        if (word.size() < 2 || !hasNoLowercase(word))
            word = asciiLower(std::move(word));
        if (out.empty() && isLower(word.front()))
            word.front() = char(word.front() - 'a' + 'A');
        if (!out.empty())
            out.push_back(' ');
        out += word;
    }
    return out;
}

std::string propertyLabel(const PropertySpec &spec)
{
    return spec.label.empty() ? readablePropertyName(spec.name) : spec.label;
}

std::string_view propertyTypeKey(PropertyType type)
{
    for (const auto &[candidate, key] : typeKeys) {
        if (candidate == type)
            return key;
    }
    return {};
}

std::optional<PropertyType> propertyTypeFromKey(std::string_view key)
{
    for (const auto &[type, candidate] : typeKeys) {
        if (candidate == key)
            return type;
    }
    return std::nullopt;
}

std::string_view propertyTopicKey(PropertyTopic topic)
{
    for (const auto &[candidate, key] : topicKeys) {
        if (candidate == topic)
            return key;
    }
    return {};
}

std::optional<PropertyTopic> propertyTopicFromKey(std::string_view key)
{
    for (const auto &[topic, candidate] : topicKeys) {
        if (candidate == key)
            return topic;
    }
    return std::nullopt;
}

std::string PropertySpec::checkValue(const PropertyValue &value) const
{
    const std::string found = std::string(" but the value is ") + propertyValueTypeName(value);
    switch (type) {
    case PropertyType::Bool:
        return std::holds_alternative<bool>(value) ? std::string()
                                                   : "expects true or false" + found;
    case PropertyType::Int: {
        const auto *number = std::get_if<std::int64_t>(&value);
        if (!number)
            return "expects an integer" + found;
        if (minimum && *number < *minimum)
            return "must be at least " + std::to_string(*minimum);
        if (maximum && *number > *maximum)
            return "must be at most " + std::to_string(*maximum);
        return {};
    }
    case PropertyType::String:
        return std::holds_alternative<std::string>(value) ? std::string()
                                                          : "expects a string" + found;
    case PropertyType::StringList:
        return std::holds_alternative<StringList>(value) ? std::string()
                                                         : "expects a list of strings" + found;
    case PropertyType::Tri:
    case PropertyType::Enum: {
        const auto *text = std::get_if<std::string>(&value);
        const std::string expected = "expects " + joinAlternatives(values);
        if (!text)
            return expected + found;
        if (std::find(values.begin(), values.end(), *text) == values.end())
            return expected + " but the value is " + displayQuoted(*text); // from the file
        return {};
    }
    }
    return {};
}

} // namespace bulkhead
