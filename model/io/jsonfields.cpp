#include "jsonfields.h"

#include "jsontext.h"

#include "core/displaytext.h"

#include <algorithm>

namespace bulkhead::jsonfields {

namespace {

const char *typeName(const nlohmann::json &value)
{
    if (value.is_number_float())
        return "a fractional number";
    if (value.is_number())
        return "an integer";
    if (value.is_string())
        return "a string";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_array())
        return "an array";
    if (value.is_object())
        return "an object";
    return "null";
}

[[noreturn]] void wrongType(const nlohmann::json &value, const std::string &pointer,
                            const char *expected)
{
    throw FormatError{pointer, std::string("expected ") + expected + ", found " + typeName(value)};
}

} // namespace

std::string child(const std::string &pointer, std::string_view key)
{
    std::string escaped;
    for (const char c : key) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return pointer + "/" + escaped;
}

std::string child(const std::string &pointer, std::size_t index)
{
    return pointer + "/" + std::to_string(index);
}

void expectObject(const nlohmann::json &value, const std::string &pointer)
{
    if (!value.is_object())
        wrongType(value, pointer, "an object");
}

void expectArray(const nlohmann::json &value, const std::string &pointer)
{
    if (!value.is_array())
        wrongType(value, pointer, "an array");
}

void rejectUnknownKeys(const nlohmann::json &object, std::initializer_list<std::string_view> known,
                       const std::string &pointer)
{
    for (const auto &[key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string list;
            for (const std::string_view k : known)
                list += (list.empty() ? "" : ", ") + std::string(k);
            throw FormatError{child(pointer, key), "unknown key " + displayQuoted(key)
                                                       + " (expected one of: " + list + ")"};
        }
    }
}

const nlohmann::json &required(const nlohmann::json &object, std::string_view key,
                               const std::string &pointer)
{
    expectObject(object, pointer);
    const auto it = object.find(key);
    if (it == object.end())
        throw FormatError{pointer, "missing required key \"" + std::string(key) + "\""};
    return *it;
}

std::string stringValue(const nlohmann::json &value, const std::string &pointer)
{
    if (!value.is_string())
        wrongType(value, pointer, "a string");
    return value.get<std::string>();
}

std::int64_t integerValue(const nlohmann::json &value, const std::string &pointer)
{
    if (value.is_number_unsigned()) {
        if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            throw FormatError{pointer, "integer is too large"};
        return static_cast<std::int64_t>(value.get<std::uint64_t>());
    }
    if (!value.is_number_integer())
        wrongType(value, pointer, "an integer");
    return value.get<std::int64_t>();
}

bool boolValue(const nlohmann::json &value, const std::string &pointer)
{
    if (!value.is_boolean())
        wrongType(value, pointer, "true or false");
    return value.get<bool>();
}

double numberValue(const nlohmann::json &value, const std::string &pointer)
{
    if (!value.is_number())
        wrongType(value, pointer, "a number");
    return value.get<double>();
}

StringList stringListValue(const nlohmann::json &value, const std::string &pointer)
{
    expectArray(value, pointer);
    StringList list;
    list.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i)
        list.push_back(stringValue(value[i], child(pointer, i)));
    return list;
}

std::string optionalString(const nlohmann::json &object, std::string_view key,
                           const std::string &pointer, std::string fallback)
{
    const auto it = object.find(key);
    return it == object.end() ? std::move(fallback) : stringValue(*it, child(pointer, key));
}

bool optionalBool(const nlohmann::json &object, std::string_view key, const std::string &pointer,
                  bool fallback)
{
    const auto it = object.find(key);
    return it == object.end() ? fallback : boolValue(*it, child(pointer, key));
}

StringList optionalStringList(const nlohmann::json &object, std::string_view key,
                              const std::string &pointer)
{
    const auto it = object.find(key);
    return it == object.end() ? StringList{} : stringListValue(*it, child(pointer, key));
}

PropertyValue propertyValue(const nlohmann::json &value, const std::string &pointer)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return integerValue(value, pointer);
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_array()
        && std::all_of(value.begin(), value.end(), [](const auto &v) { return v.is_string(); }))
        return stringListValue(value, pointer);
    throw FormatError{pointer, std::string("a property value must be true/false, an integer, a "
                                           "string or a list of strings, found ")
                                   + typeName(value)};
}

nlohmann::json toJson(const PropertyValue &value)
{
    return std::visit([](const auto &v) { return nlohmann::json(v); }, value);
}

std::string unknownKeyMessage(std::string_view what, std::string_view key,
                              std::string_view expected)
{
    return "unknown " + std::string(what) + " " + displayQuoted(key) + " (expected "
           + std::string(expected) + ")";
}

Severity severityValue(const std::string &key, const std::string &pointer)
{
    return keyedValue(key, severityFromKey, pointer, "severity", "low, medium, high or critical");
}

ThreatStatus threatStatusValue(const std::string &key, const std::string &pointer)
{
    return keyedValue(
        key, threatStatusFromKey, pointer, "status",
        "open, needs-investigation, mitigated, accepted, transferred or not-applicable");
}

std::string describe(std::string_view text, const std::string &sourceName, const FormatError &error)
{
    const std::string path = jsontext::readablePath(error.pointer);
    return jsontext::formatMessage(sourceName, jsontext::locate(text, error.pointer),
                                   (path.empty() ? std::string() : path + ": ") + error.message);
}

std::string describe(const std::string &sourceName, const nlohmann::json::exception &error)
{
    return jsontext::formatMessage(sourceName, {}, error.what());
}

} // namespace bulkhead::jsonfields
