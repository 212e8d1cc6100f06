#pragma once

// A container running a well-known image is that image's role (a database, a cache, …)
// deployed as a container: both importers make it one element of the role's kind with
// `deployedAs: container`, so the container's threats and the role's both apply.

#include "importsupport.h"

#include <optional>
#include <string>
#include <string_view>

namespace bulkhead {

class Catalog;
struct Element;

/**
 * Turns a container element running a well-known image into its role, when the catalog can
 * deploy the role's kind as a container: the role's kind, `deployedAs: container` and the
 * role's `product`, keeping every container property already set. Returns false, leaving the
 * element a container, for a role that cannot be deployed so (an application, a process).
 */
bool deployWellKnownRole(Element &element, const ImageRole &role, const Catalog &catalog);

/** What the editor offers a plain container whose image is well known. */
struct RoleOffer
{
    std::string kind;
    std::string product;
    /** The image's repository as the user knows it: "postgres" for docker.io/library/postgres:16. */
    std::string image;
};

/**
 * The role a `container` element's `image.ref` names, when the catalog can deploy that role's
 * kind as a container; nothing for any other element.
 */
std::optional<RoleOffer> offeredRole(const Catalog &catalog, const Element &element);

/** The import report's words for it: "database deployed as a container (well-known image X)". */
std::string deployedRoleText(const ImageRole &role, std::string_view shownImage);

} // namespace bulkhead
