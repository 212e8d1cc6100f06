#include "catalog.h"

#include "embeddedcatalogs.h"
#include "io/jsonfields.h"
#include "io/jsontext.h"
#include "io/textfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace bulkhead {

namespace {

using nlohmann::json;
using namespace jsonfields;

constexpr const char *catalogFormatName = "bulkhead-catalog";
constexpr int currentCatalogFormatVersion = 1;

template<typename T>
void addOrReplace(std::vector<T> &items, T item, std::string T::*key)
{
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const T &existing) { return existing.*key == item.*key; });
    if (it != items.end())
        *it = std::move(item);
    else
        items.push_back(std::move(item));
}

const PropertySpec *findByName(const std::vector<PropertySpec> &specs, std::string_view name)
{
    const auto it = std::find_if(specs.begin(), specs.end(),
                                 [name](const PropertySpec &s) { return s.name == name; });
    return it == specs.end() ? nullptr : &*it;
}

PropertySpec readPropertySpec(const json &item, const std::string &at)
{
    expectObject(item, at);
    rejectUnknownKeys(item, {"name", "type", "values", "default", "minimum", "maximum",
                             "description", "defaultNote"},
                      at);
    PropertySpec spec;
    spec.name = stringValue(required(item, "name", at), child(at, "name"));
    if (spec.name.empty())
        throw FormatError{child(at, "name"), "property name must not be empty"};
    const std::string typeKey = stringValue(required(item, "type", at), child(at, "type"));
    const auto type = propertyTypeFromKey(typeKey);
    if (!type) {
        throw FormatError{child(at, "type"), "unknown property type \"" + typeKey
                                                 + "\" (expected bool, tri, enum, int, string "
                                                   "or stringList)"};
    }
    spec.type = *type;
    if (spec.type == PropertyType::Tri) {
        spec.values = {"yes", "no", "unknown"};
        if (item.contains("values"))
            throw FormatError{child(at, "values"), "a tri property has the fixed values yes, no, unknown"};
    } else if (spec.type == PropertyType::Enum) {
        spec.values = stringListValue(required(item, "values", at), child(at, "values"));
        if (spec.values.empty())
            throw FormatError{child(at, "values"), "an enum needs at least one value"};
        if (std::set<std::string>(spec.values.begin(), spec.values.end()).size() != spec.values.size())
            throw FormatError{child(at, "values"), "enum values must be unique"};
    } else if (item.contains("values")) {
        throw FormatError{child(at, "values"), "only enum properties take values"};
    }
    if (const auto it = item.find("minimum"); it != item.end())
        spec.minimum = integerValue(*it, child(at, "minimum"));
    if (const auto it = item.find("maximum"); it != item.end())
        spec.maximum = integerValue(*it, child(at, "maximum"));
    if ((spec.minimum || spec.maximum) && spec.type != PropertyType::Int)
        throw FormatError{at, "only int properties take minimum and maximum"};
    spec.defaultValue = propertyValue(required(item, "default", at), child(at, "default"));
    if (const std::string problem = spec.checkValue(spec.defaultValue); !problem.empty())
        throw FormatError{child(at, "default"), "default " + problem};
    spec.description = optionalString(item, "description", at);
    spec.defaultNote = optionalString(item, "defaultNote", at);
    return spec;
}

std::vector<PropertySpec> readPropertyList(const json &list, const std::string &at)
{
    expectArray(list, at);
    std::vector<PropertySpec> specs;
    for (std::size_t i = 0; i < list.size(); ++i) {
        PropertySpec spec = readPropertySpec(list[i], child(at, i));
        if (findByName(specs, spec.name))
            throw FormatError{child(child(at, i), "name"), "duplicate property \"" + spec.name + "\""};
        specs.push_back(std::move(spec));
    }
    return specs;
}

ElementKind readKind(const json &item, const std::string &at)
{
    expectObject(item, at);
    rejectUnknownKeys(item, {"id", "role", "displayName", "description", "icon", "properties"}, at);
    ElementKind kind;
    kind.id = stringValue(required(item, "id", at), child(at, "id"));
    if (kind.id.empty())
        throw FormatError{child(at, "id"), "kind id must not be empty"};
    const std::string roleKey = stringValue(required(item, "role", at), child(at, "role"));
    const auto role = elementRoleFromKey(roleKey);
    if (!role) {
        throw FormatError{child(at, "role"), "unknown role \"" + roleKey
                                                 + "\" (expected external-entity, process, "
                                                   "data-store or boundary)"};
    }
    kind.role = *role;
    kind.displayName = optionalString(item, "displayName", at, kind.id);
    kind.description = optionalString(item, "description", at);
    kind.icon = optionalString(item, "icon", at, kind.id);
    if (const auto it = item.find("properties"); it != item.end())
        kind.properties = readPropertyList(*it, child(at, "properties"));
    return kind;
}

void checkNoShadowing(const Catalog &catalog)
{
    // A kind redeclaring a common property would make its type ambiguous.
    for (std::size_t k = 0; k < catalog.elementKinds().size(); ++k) {
        const ElementKind &kind = catalog.elementKinds()[k];
        const auto &common = kind.isBoundary() ? catalog.commonBoundaryProperties()
                                               : catalog.commonElementProperties();
        for (std::size_t p = 0; p < kind.properties.size(); ++p) {
            if (findByName(common, kind.properties[p].name)) {
                throw FormatError{"/elementKinds/" + std::to_string(k) + "/properties/"
                                      + std::to_string(p) + "/name",
                                  "kind \"" + kind.id + "\" redeclares the common property \""
                                      + kind.properties[p].name + "\""};
            }
        }
    }
}

} // namespace

std::string_view elementRoleKey(ElementRole role)
{
    switch (role) {
    case ElementRole::ExternalEntity:
        return "external-entity";
    case ElementRole::Process:
        return "process";
    case ElementRole::DataStore:
        return "data-store";
    case ElementRole::Boundary:
        return "boundary";
    }
    return {};
}

std::optional<ElementRole> elementRoleFromKey(std::string_view key)
{
    for (const ElementRole role : {ElementRole::ExternalEntity, ElementRole::Process,
                                   ElementRole::DataStore, ElementRole::Boundary}) {
        if (elementRoleKey(role) == key)
            return role;
    }
    return std::nullopt;
}

const ElementKind *Catalog::findKind(std::string_view id) const
{
    const auto it = std::find_if(m_kinds.begin(), m_kinds.end(),
                                 [id](const ElementKind &k) { return k.id == id; });
    return it == m_kinds.end() ? nullptr : &*it;
}

const PropertySpec *Catalog::findProperty(const ElementKind &kind, std::string_view name) const
{
    if (const PropertySpec *own = findByName(kind.properties, name))
        return own;
    return findByName(kind.isBoundary() ? m_commonBoundary : m_commonElement, name);
}

const PropertySpec *Catalog::findFlowProperty(std::string_view name) const
{
    return findByName(m_flowProperties, name);
}

std::vector<const PropertySpec *> Catalog::propertiesOf(const ElementKind &kind) const
{
    std::vector<const PropertySpec *> all;
    for (const PropertySpec &spec : kind.isBoundary() ? m_commonBoundary : m_commonElement)
        all.push_back(&spec);
    for (const PropertySpec &spec : kind.properties)
        all.push_back(&spec);
    return all;
}

void Catalog::addKind(ElementKind kind)
{
    addOrReplace(m_kinds, std::move(kind), &ElementKind::id);
}

void Catalog::addCommonElementProperty(PropertySpec spec)
{
    addOrReplace(m_commonElement, std::move(spec), &PropertySpec::name);
}

void Catalog::addCommonBoundaryProperty(PropertySpec spec)
{
    addOrReplace(m_commonBoundary, std::move(spec), &PropertySpec::name);
}

void Catalog::addFlowProperty(PropertySpec spec)
{
    addOrReplace(m_flowProperties, std::move(spec), &PropertySpec::name);
}

void Catalog::merge(const Catalog &overlay)
{
    for (const ElementKind &kind : overlay.m_kinds)
        addKind(kind);
    for (const PropertySpec &spec : overlay.m_commonElement)
        addCommonElementProperty(spec);
    for (const PropertySpec &spec : overlay.m_commonBoundary)
        addCommonBoundaryProperty(spec);
    for (const PropertySpec &spec : overlay.m_flowProperties)
        addFlowProperty(spec);
    for (const std::string &source : overlay.m_sources)
        m_sources.push_back(source);
}

Result<Catalog> readCatalogText(std::string_view text, const std::string &sourceName)
{
    auto parsed = jsontext::parse(text, sourceName);
    if (!parsed)
        return Result<Catalog>::failure(parsed.error());
    const json &document = *parsed;
    Catalog catalog;
    try {
        expectObject(document, "");
        rejectUnknownKeys(document, {"format", "formatVersion", "id", "commonElementProperties",
                                     "commonBoundaryProperties", "flowProperties", "elementKinds"},
                          "");
        const std::string format = stringValue(required(document, "format", ""), "/format");
        if (format != catalogFormatName) {
            throw FormatError{"/format", "this is not a Bulkhead catalog (format is \"" + format
                                             + "\", expected \"" + catalogFormatName + "\")"};
        }
        const auto version = integerValue(required(document, "formatVersion", ""),
                                          "/formatVersion");
        if (version != currentCatalogFormatVersion) {
            throw FormatError{"/formatVersion", "catalog formatVersion "
                                                    + std::to_string(version)
                                                    + " is not supported (expected 1)"};
        }
        if (const auto it = document.find("commonElementProperties"); it != document.end()) {
            for (auto &spec : readPropertyList(*it, "/commonElementProperties"))
                catalog.addCommonElementProperty(std::move(spec));
        }
        if (const auto it = document.find("commonBoundaryProperties"); it != document.end()) {
            for (auto &spec : readPropertyList(*it, "/commonBoundaryProperties"))
                catalog.addCommonBoundaryProperty(std::move(spec));
        }
        if (const auto it = document.find("flowProperties"); it != document.end()) {
            for (auto &spec : readPropertyList(*it, "/flowProperties"))
                catalog.addFlowProperty(std::move(spec));
        }
        if (const auto it = document.find("elementKinds"); it != document.end()) {
            expectArray(*it, "/elementKinds");
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string at = child("/elementKinds", i);
                ElementKind kind = readKind((*it)[i], at);
                if (catalog.findKind(kind.id))
                    throw FormatError{child(at, "id"), "duplicate kind \"" + kind.id + "\""};
                catalog.addKind(std::move(kind));
            }
        }
        checkNoShadowing(catalog);
    } catch (const FormatError &error) {
        return Result<Catalog>::failure(describe(text, sourceName, error));
    } catch (const json::exception &error) {
        return Result<Catalog>::failure(sourceName + ": " + error.what());
    }
    catalog.addSource(sourceName);
    return catalog;
}

Result<Catalog> readCatalogFile(const std::filesystem::path &path)
{
    const auto text = readTextFile(path);
    if (!text)
        return Result<Catalog>::failure(text.error());
    return readCatalogText(*text, path.string());
}

const Catalog &builtInCatalog()
{
    static const Catalog catalog = [] {
        Catalog merged;
        for (const EmbeddedFile &file : embeddedCatalogFiles()) {
            auto part = readCatalogText(file.content, "built-in:" + std::string(file.name));
            if (!part) {
                // The built-in files are checked by the test suite; reaching this is a
                // packaging error, not something a user's input can cause.
                std::fprintf(stderr, "bulkhead: %s\n", part.error().c_str());
                std::abort();
            }
            merged.merge(*part);
        }
        return merged;
    }();
    return catalog;
}

Result<Catalog> loadCatalogWithExtras(const std::vector<std::filesystem::path> &extraFiles)
{
    Catalog catalog = builtInCatalog();
    for (const auto &path : extraFiles) {
        auto extra = readCatalogFile(path);
        if (!extra)
            return extra;
        catalog.merge(*extra);
    }
    return catalog;
}

} // namespace bulkhead
