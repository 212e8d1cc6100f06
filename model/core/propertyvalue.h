#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace bulkhead {

/**
 * A property value as stored in a model file. The catalog's schema says which of these
 * alternatives a property expects; tri-state properties are strings ("yes", "no", "unknown")
 * so that a file stays readable and "unknown" is explicit rather than a missing key.
 */
using StringList = std::vector<std::string>;
using PropertyValue = std::variant<bool, std::int64_t, std::string, StringList>;

/** Properties keyed by name; std::map keeps a stable order for deterministic output. */
using PropertyMap = std::map<std::string, PropertyValue>;

/** "a boolean", "an integer", "a string" or "a list of strings": used in messages. */
const char *propertyValueTypeName(const PropertyValue &value);

/** A short human-readable rendering (lists as [a, b]) for messages and tables. */
std::string propertyValueToDisplayString(const PropertyValue &value);

} // namespace bulkhead
