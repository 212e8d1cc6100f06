#pragma once

#include "core/result.h"
#include "elementkind.h"
#include "pathlist.h"
#include "imagetable.h"
#include "threatrule.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Element kinds with their property schemas, the properties every element, boundary and flow
 * has, threats with their rules, and mitigations. Built from catalog files; a later file adds
 * to or overrides an earlier one by id.
 *
 * After the last merge, finalize() resolves references between entries and compiles the
 * rules. Compiled rules point into the catalog's own storage, so a catalog moves but is never
 * copied, and merging again needs another finalize().
 */
class Catalog
{
public:
    Catalog() = default;
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;
    Catalog(Catalog &&) = default;
    Catalog &operator=(Catalog &&) = default;

    const std::vector<ElementKind> &elementKinds() const { return m_kinds; }
    const ElementKind *findKind(std::string_view id) const;

    const std::vector<PropertySpec> &commonElementProperties() const { return m_commonElement; }
    const std::vector<PropertySpec> &commonBoundaryProperties() const { return m_commonBoundary; }
    const std::vector<PropertySpec> &flowProperties() const { return m_flowProperties; }

    /** A property of the kind: its own first, then the common ones for its role. */
    const PropertySpec *findProperty(const ElementKind &kind, std::string_view name) const;
    const PropertySpec *findFlowProperty(std::string_view name) const;
    /**
     * The kind an element of `kind` with these properties is deployed as besides its own
     * (its `deployedAs` names one of the kind's deployableAs), or null (docs/catalog-format.md).
     */
    const ElementKind *deployedKind(const ElementKind &kind, const PropertyMap &properties) const;
    /** As findProperty, then the deployed kind's own property (deployment.cpp). */
    const PropertySpec *findElementProperty(const ElementKind &kind, const PropertyMap &properties,
                                            std::string_view name) const;
    /** Every property an object of this kind has: the common ones, then the kind's own. */
    std::vector<const PropertySpec *> propertiesOf(const ElementKind &kind) const;

    const std::vector<Mitigation> &mitigations() const { return m_mitigations; }
    const std::vector<ThreatRule> &threats() const { return m_threats; }
    const Mitigation *findMitigation(std::string_view id) const;
    const ThreatRule *findThreat(std::string_view id) const;
    /** Named lists of host paths, which rules test with mountsUnder() and importers read. */
    const std::vector<PathList> &pathLists() const { return m_pathLists; }
    const PathList *findPathList(std::string_view id) const;
    /** The well-known images (the "images" section), replaced by id like threats. */
    const ImageTable &images() const { return m_images; }

    /**
     * Resolves kinds and mitigation ids and compiles every rule. Returns one line per
     * problem ("FILE: threat ID: when:1:12: message"); the catalog is usable only when empty.
     */
    std::vector<std::string> finalize();
    bool isFinalized() const { return m_finalized; }

    /** The files this catalog was built from, in load order. */
    const std::vector<std::string> &sources() const { return m_sources; }

    /** Adds or replaces kinds (by id) and common or flow properties (by name). */
    void merge(const Catalog &overlay);

    void addKind(ElementKind kind);
    void addCommonElementProperty(PropertySpec spec);
    void addCommonBoundaryProperty(PropertySpec spec);
    void addFlowProperty(PropertySpec spec);
    void addMitigation(Mitigation mitigation);
    void addThreat(ThreatRule threat);
    void addPathList(PathList list);
    void addImage(WellKnownImage image);
    void addSource(std::string source) { m_sources.push_back(std::move(source)); }
    /** Records the file every property so far was declared in (for lint messages). */
    void setPropertySources(const std::string &sourceFile);

private:
    std::vector<ElementKind> m_kinds;
    std::vector<PropertySpec> m_commonElement;
    std::vector<PropertySpec> m_commonBoundary;
    std::vector<PropertySpec> m_flowProperties;
    std::vector<Mitigation> m_mitigations;
    std::vector<ThreatRule> m_threats;
    std::vector<PathList> m_pathLists;
    ImageTable m_images;
    std::vector<std::string> m_sources;
    bool m_finalized = false;
};

/**
 * Parses one catalog file's text, not yet finalized; errors name the source, line and column,
 * and the entry.
 */
Result<Catalog> readCatalogText(std::string_view text, const std::string &sourceName);
Result<Catalog> readCatalogFile(const std::filesystem::path &path);

/** The catalog compiled into the binary, parsed and finalized on first use. */
const Catalog &builtInCatalog();

/** A finalized catalog, or every problem found on the way (one line each). */
struct CatalogLoad
{
    std::optional<Catalog> catalog;
    std::vector<std::string> errors;
};

/** The built-in catalog (unless withBuiltIn is false) with files merged on top, in order. */
CatalogLoad loadCatalog(const std::vector<std::filesystem::path> &files, bool withBuiltIn = true);

/** As loadCatalog, with the first problem as the error (and how many more there are). */
Result<Catalog> loadCatalogWithExtras(const std::vector<std::filesystem::path> &extraFiles);

} // namespace bulkhead
