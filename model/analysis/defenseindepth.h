#pragma once

#include "catalog/threatrule.h"
#include "core/propertyvalue.h"
#include "threat.h"

#include <cstddef>
#include <string>
#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;

/** How far a recommended mitigation is in place over the threats that call for it. */
enum class CoverageState { Implemented, Partial, Missing };

/** "implemented", "partial", "missing": the spelling in JSON output. */
std::string_view coverageStateKey(CoverageState state);

/** One threat that calls for a mitigation. */
struct CoveredThreat
{
    /** Index into the threat list the coverage was built from. */
    std::size_t threat = 0;
    /** Index of the link in the threat's rule, for MitigationLink lookups. */
    std::size_t link = 0;
    bool implemented = false;
};

/** A mitigation that at least one threat calls for. */
struct MitigationCoverage
{
    const Mitigation *mitigation = nullptr;
    /** In threat-list order. */
    std::vector<CoveredThreat> threats;
    std::size_t implementedFor = 0;

    /** Implemented for every threat, for some, or for none. */
    CoverageState state() const;
};

/** One defense-in-depth layer: the mitigations its threats call for, in catalog order. */
struct LayerCoverage
{
    DefenseLayer layer = DefenseLayer::Image;
    std::vector<MitigationCoverage> mitigations;

    std::size_t recommended() const { return mitigations.size(); }
    std::size_t count(CoverageState state) const;
    /** (threat, mitigation) pairs, and those implemented. */
    std::size_t links() const;
    std::size_t implementedLinks() const;
    /** Implemented links over all links, rounded, 0..100; -1 when nothing is recommended. */
    int coveragePercent() const;
};

/**
 * The defense-in-depth figures of a set of threats: the editor's panel and every report show
 * these, so they agree by construction (docs/catalog-format.md, "Defense in depth").
 *
 * A mitigation is recommended in its layer when at least one of the threats links it; it is
 * implemented when its check holds for every one of them, partial when for some, missing when
 * for none. Coverage counts links, so a control in place for 3 of 4 threats counts 75%.
 */
struct DefenseInDepth
{
    /** The eight layers in report order (allDefenseLayers). */
    std::vector<LayerCoverage> layers;

    const MitigationCoverage *find(std::string_view mitigationId) const;
};

/** Coverage of the given threats (manual threats link no mitigation and count for nothing). */
DefenseInDepth buildDefenseInDepth(const Catalog &catalog,
                                   const std::vector<const Threat *> &threats);

/** A property to store on one item of the model. */
struct PropertySetting
{
    std::string holderId;
    std::string property;
    PropertyValue value;

    friend bool operator==(const PropertySetting &, const PropertySetting &) = default;
};

/** What storing property values would do to put a mitigation in place where it is missing. */
struct MitigationPlan
{
    /** Distinct settings, each on an item whose value differs today, in threat order. */
    std::vector<PropertySetting> settings;
    /** Threats lacking the control whose check no property of their own items expresses. */
    std::size_t inexpressible = 0;
};

/**
 * The settings that make the mitigation's check pass for each threat that lacks it. A check is
 * expressible for a threat when one of its satisfying condition sets (see
 * satisfyingConditions()) names properties that the threat's subject, a flow's ends or an
 * enclosing boundary of the right kind has in its schema, with values the schema accepts.
 */
MitigationPlan planMitigation(const MitigationCoverage &coverage,
                              const std::vector<const Threat *> &threats, const ThreatModel &model,
                              const Catalog &catalog);

} // namespace bulkhead
