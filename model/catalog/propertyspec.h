#pragma once

#include "core/propertyvalue.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

enum class PropertyType { Bool, Tri, Enum, Int, String, StringList };

/** Catalog spelling: "bool", "tri", "enum", "int", "string", "stringList". */
std::string_view propertyTypeKey(PropertyType type);
std::optional<PropertyType> propertyTypeFromKey(std::string_view key);

/** The topic the property editor files a property under: its catalog "group". */
enum class PropertyTopic { Unspecified, Identity, Image, RuntimeSecurity, Network, Data, Notes };

/** Catalog spelling: "identity", "image", "runtimeSecurity", "network", "data", "notes". */
std::string_view propertyTopicKey(PropertyTopic topic);
/** Nullopt for an unknown key; "" is not a key (a spec without a group is Unspecified). */
std::optional<PropertyTopic> propertyTopicFromKey(std::string_view key);

/** One typed property of an element kind, boundary kind or flow, with its default. */
struct PropertySpec
{
    std::string name;
    PropertyType type = PropertyType::String;
    /** Allowed values of an enum; "yes", "no", "unknown" for a tri-state. */
    std::vector<std::string> values;
    PropertyValue defaultValue;
    std::optional<std::int64_t> minimum;
    std::optional<std::int64_t> maximum;
    std::string description;
    /** How the editor names the property; empty: the name made readable (propertyLabel). */
    std::string label;
    /** Where the editor lists it; Unspecified files it under its kind or prefix. */
    PropertyTopic topic = PropertyTopic::Unspecified;
    /** Where the default comes from (a product default, or "unknown" because it varies). */
    std::string defaultNote;
    /**
     * Documents the deployment but drives no rule (a name, an owner, a version no rule reads
     * yet); `catalog lint` reports any other property that no expression reads.
     */
    bool descriptive = false;
    /** The catalog file that declared the property, for lint messages. */
    std::string sourceFile;

    /** Empty when the value fits this schema, else why not (e.g. "expects yes, no or unknown"). */
    std::string checkValue(const PropertyValue &value) const;
};

/**
 * A property name as words: split at dots, dashes, underscores and where the case changes,
 * in sentence case, words in capitals kept ("readOnlyRootFilesystem" → "Read only root
 * filesystem", "hostPID" → "Host PID"). Catalogs give a label where this reads wrong.
 */
std::string readablePropertyName(std::string_view name);

/** The spec's label, or its name made readable. */
std::string propertyLabel(const PropertySpec &spec);

} // namespace bulkhead
