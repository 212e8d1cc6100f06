#include "deployment.h"

#include "catalog.h"
#include "core/displaytext.h"

#include <algorithm>

namespace bulkhead {

namespace {

const PropertySpec *ownProperty(const ElementKind &kind, std::string_view name)
{
    const auto it = std::find_if(kind.properties.begin(), kind.properties.end(),
                                 [name](const PropertySpec &spec) { return spec.name == name; });
    return it == kind.properties.end() ? nullptr : &*it;
}

std::string where(const ElementKind &kind)
{
    const std::string file = kind.properties.empty() ? std::string("catalog")
                                                     : kind.properties.front().sourceFile;
    return (file.empty() ? std::string("catalog") : file) + ": kind " + kind.id
           + ": deployableAs: ";
}

PropertySpec deployedAsSpec(const ElementKind &kind)
{
    std::string alternatives;
    for (const std::string &id : kind.deployableAs)
        alternatives += (alternatives.empty() ? "a " : " or a ") + id;
    PropertySpec spec;
    spec.name = std::string(deployedAsProperty);
    spec.label = "Deployed as";
    spec.topic = PropertyTopic::Identity;
    spec.type = PropertyType::Enum;
    spec.values.emplace_back(deployedNatively);
    spec.values.insert(spec.values.end(), kind.deployableAs.begin(), kind.deployableAs.end());
    spec.defaultValue = std::string(deployedNatively);
    spec.description = "How it runs: natively (a host process or a managed service) or as "
                       + alternatives
                       + "; deployed as one, it is that kind too and that kind's threats and "
                         "properties apply.";
    spec.defaultNote = "Nothing shows it runs in a container; importers set it for images "
                       "they recognise";
    spec.sourceFile = kind.properties.empty() ? std::string() : kind.properties.front().sourceFile;
    return spec;
}

/** Properties both kinds define must read the same way whichever kind a rule comes from. */
void checkSharedProperties(const ElementKind &kind, const ElementKind &other,
                           std::vector<std::string> &errors)
{
    for (const PropertySpec &spec : kind.properties) {
        const PropertySpec *same = ownProperty(other, spec.name);
        if (!same || spec.name == deployedAsProperty)
            continue;
        if (same->type != spec.type || same->values != spec.values) {
            errors.push_back(where(kind) + "property " + displayQuoted(spec.name) + " is "
                             + std::string(propertyTypeKey(spec.type)) + " in kind " + kind.id
                             + " but " + std::string(propertyTypeKey(same->type))
                             + (same->type == spec.type ? " with other values" : "") + " in kind "
                             + other.id + "; an element deployed as both has one value for it");
        }
    }
}

} // namespace

std::vector<std::string> resolveDeployableKinds(std::vector<ElementKind> &kinds)
{
    std::vector<std::string> errors;
    for (ElementKind &kind : kinds) {
        kind.deployableKinds.clear();
        std::erase_if(kind.properties,
                      [](const PropertySpec &spec) { return spec.name == deployedAsProperty; });
    }
    for (ElementKind &kind : kinds) {
        for (const std::string &id : kind.deployableAs) {
            const auto other = std::find_if(kinds.begin(), kinds.end(),
                                            [&id](const ElementKind &k) { return k.id == id; });
            if (std::count(kind.deployableAs.begin(), kind.deployableAs.end(), id) > 1) {
                errors.push_back(where(kind) + displayQuoted(id) + " is listed twice");
                break;
            }
            if (other == kinds.end()) {
                errors.push_back(where(kind) + "unknown kind " + displayQuoted(id));
            } else if (&*other == &kind) {
                errors.push_back(where(kind) + "a kind is not deployed as itself");
            } else if (other->isBoundary() || kind.isBoundary()) {
                errors.push_back(where(kind) + "only node kinds are deployed as one another, and "
                                 + other->id + " or " + kind.id + " is a boundary kind");
            } else if (!other->deployableAs.empty()) {
                errors.push_back(where(kind) + other->id
                                 + " is deployable as another kind itself; one step only");
            } else {
                checkSharedProperties(kind, *other, errors);
                kind.deployableKinds.push_back(&*other);
            }
        }
        if (!kind.deployableAs.empty())
            kind.properties.push_back(deployedAsSpec(kind));
    }
    return errors;
}

const ElementKind *deployedKindOf(const ElementKind &kind, const PropertyMap &properties)
{
    if (kind.deployableKinds.empty())
        return nullptr;
    const auto it = properties.find(std::string(deployedAsProperty));
    const auto *value = it == properties.end() ? nullptr : std::get_if<std::string>(&it->second);
    if (!value)
        return nullptr;
    const auto other = std::find_if(kind.deployableKinds.begin(), kind.deployableKinds.end(),
                                    [value](const ElementKind *k) { return k->id == *value; });
    return other == kind.deployableKinds.end() ? nullptr : *other;
}

std::vector<std::string> propertiesOrphanedBy(const Catalog &catalog, const ElementKind &kind,
                                              const PropertyMap &properties, std::string_view name,
                                              const std::optional<PropertyValue> &value)
{
    std::vector<std::string> orphaned;
    if (name != deployedAsProperty || !deployedKindOf(kind, properties))
        return orphaned;
    PropertyMap after = properties;
    if (value)
        after[std::string(name)] = *value;
    else
        after.erase(std::string(name));
    for (const auto &[stored, storedValue] : properties) {
        if (catalog.findElementProperty(kind, properties, stored)
            && !catalog.findElementProperty(kind, after, stored))
            orphaned.push_back(stored);
    }
    return orphaned;
}

const ElementKind *Catalog::deployedKind(const ElementKind &kind,
                                         const PropertyMap &properties) const
{
    return deployedKindOf(kind, properties);
}

const PropertySpec *Catalog::findElementProperty(const ElementKind &kind,
                                                 const PropertyMap &properties,
                                                 std::string_view name) const
{
    if (const PropertySpec *spec = findProperty(kind, name))
        return spec;
    const ElementKind *deployed = deployedKind(kind, properties);
    return deployed ? ownProperty(*deployed, name) : nullptr;
}

} // namespace bulkhead
