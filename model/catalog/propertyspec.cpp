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

} // namespace

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

std::string PropertySpec::checkValue(const PropertyValue &value) const
{
    const std::string found = std::string(" but the value is ") + propertyValueTypeName(value);
    switch (type) {
    case PropertyType::Bool:
        return std::holds_alternative<bool>(value) ? std::string() : "expects true or false" + found;
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
        return std::holds_alternative<std::string>(value) ? std::string() : "expects a string" + found;
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
