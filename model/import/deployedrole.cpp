#include "deployedrole.h"

#include "catalog/catalog.h"
#include "core/element.h"
#include "imageprovenance.h"

#include <algorithm>

namespace bulkhead {

namespace {

bool deployableAsContainer(const Catalog &catalog, const std::string &kindId)
{
    const ElementKind *kind = catalog.findKind(kindId);
    const ElementKind *container = catalog.findKind("container");
    return kind && container
           && std::find(kind->deployableKinds.begin(), kind->deployableKinds.end(), container)
                  != kind->deployableKinds.end();
}

} // namespace

bool deployWellKnownRole(Element &element, const ImageRole &role, const Catalog &catalog)
{
    if (!deployableAsContainer(catalog, role.kind))
        return false;
    element.kind = role.kind;
    element.properties["deployedAs"] = std::string("container");
    if (!role.product.empty())
        element.properties["product"] = role.product;
    return true;
}

std::optional<RoleOffer> offeredRole(const Catalog &catalog, const Element &element)
{
    if (element.kind != "container")
        return std::nullopt;
    const auto ref = element.properties.find("image.ref");
    const auto *image = ref == element.properties.end() ? nullptr
                                                        : std::get_if<std::string>(&ref->second);
    const std::optional<ImageRole> role = image ? wellKnownImage(*image, catalog.images())
                                                : std::nullopt;
    if (!role || !deployableAsContainer(catalog, role->kind))
        return std::nullopt;
    return RoleOffer{role->kind, role->product, parseImageName(*image).repository};
}

std::string deployedRoleText(const ImageRole &role, std::string_view shownImage)
{
    return role.kind + " deployed as a container (well-known image " + std::string(shownImage)
           + ")";
}

} // namespace bulkhead
