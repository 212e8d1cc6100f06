#pragma once

// Private to the model layer: typed access to JSON fields that reports the JSON pointer of
// whatever is wrong, so readers can point the user at a line and column.

#include "core/propertyvalue.h"
#include "core/registerentry.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace bulkhead::jsonfields {

/** Thrown inside readers only; converted to a message at the reader boundary. */
struct FormatError
{
    std::string pointer;
    std::string message;
};

std::string child(const std::string &pointer, std::string_view key);
std::string child(const std::string &pointer, std::size_t index);

void expectObject(const nlohmann::json &value, const std::string &pointer);
void expectArray(const nlohmann::json &value, const std::string &pointer);
/** Refuses keys a format does not define, so typos do not silently drop data. */
void rejectUnknownKeys(const nlohmann::json &object, std::initializer_list<std::string_view> known,
                       const std::string &pointer);

const nlohmann::json &required(const nlohmann::json &object, std::string_view key,
                               const std::string &pointer);

/**
 * The optional array `key` of `object`, read item by item: each must be an object with only
 * `known` keys, and goes to `read(item, itemPointer)` in order. Nothing happens when it is absent.
 */
template<typename Read>
void readObjectArray(const nlohmann::json &object, std::string_view key, const std::string &pointer,
                     std::initializer_list<std::string_view> known, Read read)
{
    const auto it = object.find(std::string(key));
    if (it == object.end())
        return;
    const std::string here = child(pointer, key);
    expectArray(*it, here);
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string at = child(here, i);
        const nlohmann::json &item = (*it)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, known, at);
        read(item, at);
    }
}

/** "unknown WHAT "KEY" (expected EXPECTED)": one message for every closed set of keys. */
std::string unknownKeyMessage(std::string_view what, std::string_view key,
                              std::string_view expected);

/**
 * `parse(key)` for a key from a closed set (a layer, a status, a severity), or a FormatError at
 * `pointer` naming the key and listing what is `expected`.
 */
template<typename Parse>
auto keyedValue(const std::string &key, Parse parse, const std::string &pointer,
                std::string_view what, std::string_view expected)
{
    if (auto parsed = parse(key))
        return *parsed;
    throw FormatError{pointer, unknownKeyMessage(what, key, expected)};
}

/** The closed sets a model's register and an analysis share, each listed in its error. */
Severity severityValue(const std::string &key, const std::string &pointer);
ThreatStatus threatStatusValue(const std::string &key, const std::string &pointer);

std::string stringValue(const nlohmann::json &value, const std::string &pointer);
std::int64_t integerValue(const nlohmann::json &value, const std::string &pointer);
bool boolValue(const nlohmann::json &value, const std::string &pointer);
double numberValue(const nlohmann::json &value, const std::string &pointer);
StringList stringListValue(const nlohmann::json &value, const std::string &pointer);

/** Optional fields: the fallback when the key is absent, a FormatError when mistyped. */
std::string optionalString(const nlohmann::json &object, std::string_view key,
                           const std::string &pointer, std::string fallback = {});
bool optionalBool(const nlohmann::json &object, std::string_view key, const std::string &pointer,
                  bool fallback);
StringList optionalStringList(const nlohmann::json &object, std::string_view key,
                              const std::string &pointer);

/** bool, integer, string or list of strings; anything else is a FormatError. */
PropertyValue propertyValue(const nlohmann::json &value, const std::string &pointer);
nlohmann::json toJson(const PropertyValue &value);

/** "SOURCE:LINE:COLUMN: path: message" for an error found in text. */
std::string describe(std::string_view text, const std::string &sourceName,
                     const FormatError &error);
/** "SOURCE: message" for what the JSON library refused while a reader walked the document. */
std::string describe(const std::string &sourceName, const nlohmann::json::exception &error);

} // namespace bulkhead::jsonfields
