#pragma once

#include "geometry.h"
#include "propertyvalue.h"

#include <string>

namespace bulkhead {

/** A node of the data-flow diagram: an external entity, a process or a data store. */
struct Element
{
    std::string id;
    std::string kind;
    std::string name;
    /** Id of the innermost boundary holding this element; empty when it sits outside all. */
    std::string boundary;
    PropertyMap properties;
    Rect geometry;
    friend bool operator==(const Element &, const Element &) = default;
};

} // namespace bulkhead
