#include "propertyvalue.h"

namespace bulkhead {

const char *propertyValueTypeName(const PropertyValue &value)
{
    switch (value.index()) {
    case 0:
        return "a boolean";
    case 1:
        return "an integer";
    case 2:
        return "a string";
    default:
        return "a list of strings";
    }
}

std::string propertyValueToDisplayString(const PropertyValue &value)
{
    if (const auto *b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    if (const auto *i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto *s = std::get_if<std::string>(&value))
        return *s;
    std::string out = "[";
    const auto &list = std::get<StringList>(value);
    for (std::size_t n = 0; n < list.size(); ++n) {
        if (n)
            out += ", ";
        out += list[n];
    }
    return out + "]";
}

} // namespace bulkhead
