#pragma once

#include "propertyspec.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/** The data-flow-diagram role of a kind; boundaries are areas, the rest are nodes. */
enum class ElementRole { ExternalEntity, Process, DataStore, Boundary };

/** Catalog spelling: "external-entity", "process", "data-store", "boundary". */
std::string_view elementRoleKey(ElementRole role);
std::optional<ElementRole> elementRoleFromKey(std::string_view key);

/** A kind of element or boundary (container, registry, host, ...) with its property schema. */
struct ElementKind
{
    std::string id;
    ElementRole role = ElementRole::Process;
    std::string displayName;
    std::string description;
    std::string icon;
    /** The kind's own properties; the catalog adds the common ones for its role. */
    std::vector<PropertySpec> properties;
    /**
     * Kinds an element of this kind may also be deployed as ("container" for a database that
     * runs in one). The catalog gives such a kind the enum property `deployedAs` (native plus
     * these), and an element deployed as one of them is that kind too for the analysis.
     */
    std::vector<std::string> deployableAs;
    /** deployableAs resolved by Catalog::finalize(), in the same order. */
    std::vector<const ElementKind *> deployableKinds;

    bool isBoundary() const { return role == ElementRole::Boundary; }
};

} // namespace bulkhead
