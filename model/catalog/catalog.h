#pragma once

#include "core/result.h"
#include "elementkind.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Element kinds with their property schemas, plus the properties every element, boundary and
 * flow has. Built from catalog files; a later file adds to or overrides an earlier one by id.
 */
class Catalog
{
public:
    const std::vector<ElementKind> &elementKinds() const { return m_kinds; }
    const ElementKind *findKind(std::string_view id) const;

    const std::vector<PropertySpec> &commonElementProperties() const { return m_commonElement; }
    const std::vector<PropertySpec> &commonBoundaryProperties() const { return m_commonBoundary; }
    const std::vector<PropertySpec> &flowProperties() const { return m_flowProperties; }

    /** A property of the kind: its own first, then the common ones for its role. */
    const PropertySpec *findProperty(const ElementKind &kind, std::string_view name) const;
    const PropertySpec *findFlowProperty(std::string_view name) const;
    /** Every property an object of this kind has: the common ones, then the kind's own. */
    std::vector<const PropertySpec *> propertiesOf(const ElementKind &kind) const;

    /** The files this catalog was built from, in load order. */
    const std::vector<std::string> &sources() const { return m_sources; }

    /** Adds or replaces kinds (by id) and common or flow properties (by name). */
    void merge(const Catalog &overlay);

    void addKind(ElementKind kind);
    void addCommonElementProperty(PropertySpec spec);
    void addCommonBoundaryProperty(PropertySpec spec);
    void addFlowProperty(PropertySpec spec);
    void addSource(std::string source) { m_sources.push_back(std::move(source)); }

private:
    std::vector<ElementKind> m_kinds;
    std::vector<PropertySpec> m_commonElement;
    std::vector<PropertySpec> m_commonBoundary;
    std::vector<PropertySpec> m_flowProperties;
    std::vector<std::string> m_sources;
};

/** Parses one catalog file's text; errors name the source, line and column, and the entry. */
Result<Catalog> readCatalogText(std::string_view text, const std::string &sourceName);
Result<Catalog> readCatalogFile(const std::filesystem::path &path);

/** The catalog compiled into the binary, parsed on first use. */
const Catalog &builtInCatalog();

/** The built-in catalog with extra files merged on top, in order. */
Result<Catalog> loadCatalogWithExtras(const std::vector<std::filesystem::path> &extraFiles);

} // namespace bulkhead
