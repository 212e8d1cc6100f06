#pragma once

// Kinds that may be deployed as another kind: a database that runs in a container is a
// database and a container for the analysis (docs/catalog-format.md, "Deployed as").

#include "core/propertyvalue.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;
struct ElementKind;

/** The enum property the catalog gives every kind that declares deployableAs. */
inline constexpr std::string_view deployedAsProperty = "deployedAs";
/** The value of deployedAs for a host process or a managed service: its own kind only. */
inline constexpr std::string_view deployedNatively = "native";

/**
 * Resolves every kind's deployableAs into deployableKinds and gives each such kind its
 * generated `deployedAs` property. Checks that the listed kinds exist, are node kinds other
 * than the kind itself and are not deployable in turn, and that a property both kinds define
 * has the same type and values. Returns one line per problem, naming both kinds.
 */
std::vector<std::string> resolveDeployableKinds(std::vector<ElementKind> &kinds);

/**
 * The kind an element of `kind` with these properties is deployed as besides its own: the
 * one of kind.deployableKinds its `deployedAs` names, else null. Needs a finalized catalog.
 */
const ElementKind *deployedKindOf(const ElementKind &kind, const PropertyMap &properties);

/**
 * The stored properties of an element that no schema would define any more once `name` is set
 * to `value` (nullopt: reset): the container's values when deployedAs goes back to native.
 * Empty for every other change.
 */
std::vector<std::string> propertiesOrphanedBy(const Catalog &catalog, const ElementKind &kind,
                                              const PropertyMap &properties, std::string_view name,
                                              const std::optional<PropertyValue> &value);

} // namespace bulkhead
