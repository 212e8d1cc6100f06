#include "defenseindepth.h"

#include "catalog/catalog.h"
#include "catalog/expressionintrospection.h"
#include "core/itemref.h"
#include "core/threatmodel.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

namespace bulkhead {

std::string_view coverageStateKey(CoverageState state)
{
    switch (state) {
    case CoverageState::Implemented:
        return "implemented";
    case CoverageState::Partial:
        return "partial";
    case CoverageState::Missing:
        return "missing";
    }
    return "missing";
}

CoverageState MitigationCoverage::state() const
{
    if (implementedFor == 0)
        return CoverageState::Missing;
    return implementedFor == threats.size() ? CoverageState::Implemented : CoverageState::Partial;
}

std::size_t LayerCoverage::count(CoverageState state) const
{
    return static_cast<std::size_t>(
        std::count_if(mitigations.begin(), mitigations.end(),
                      [state](const MitigationCoverage &m) { return m.state() == state; }));
}

std::size_t LayerCoverage::links() const
{
    std::size_t n = 0;
    for (const MitigationCoverage &m : mitigations)
        n += m.threats.size();
    return n;
}

std::size_t LayerCoverage::implementedLinks() const
{
    std::size_t n = 0;
    for (const MitigationCoverage &m : mitigations)
        n += m.implementedFor;
    return n;
}

int LayerCoverage::coveragePercent() const
{
    const std::size_t all = links();
    if (all == 0)
        return -1;
    return static_cast<int>((implementedLinks() * 100 + all / 2) / all);
}

const MitigationCoverage *DefenseInDepth::find(std::string_view mitigationId) const
{
    for (const LayerCoverage &layer : layers) {
        for (const MitigationCoverage &m : layer.mitigations) {
            if (m.mitigation && m.mitigation->id == mitigationId)
                return &m;
        }
    }
    return nullptr;
}

DefenseInDepth buildDefenseInDepth(const Catalog &catalog,
                                   const std::vector<const Threat *> &threats)
{
    // Every catalog mitigation gets a slot in catalog order; the unused ones are dropped at the end.
    DefenseInDepth result;
    for (const DefenseLayer layer : allDefenseLayers)
        result.layers.push_back({layer, {}});
    std::unordered_map<const Mitigation *, std::pair<std::size_t, std::size_t>> place;
    for (const Mitigation &m : catalog.mitigations()) {
        LayerCoverage &layer = result.layers[static_cast<std::size_t>(m.layer)];
        place.emplace(&m, std::pair{static_cast<std::size_t>(m.layer), layer.mitigations.size()});
        layer.mitigations.push_back({&m, {}, 0});
    }
    for (std::size_t t = 0; t < threats.size(); ++t) {
        const Threat &threat = *threats[t];
        if (!threat.rule)
            continue;
        const std::vector<MitigationState> states = threat.mitigations();
        for (std::size_t i = 0; i < states.size(); ++i) {
            const auto it = place.find(states[i].mitigation);
            if (it == place.end())
                continue;
            MitigationCoverage &m = result.layers[it->second.first].mitigations[it->second.second];
            m.threats.push_back({t, i, states[i].implemented});
            m.implementedFor += states[i].implemented ? 1 : 0;
        }
    }
    for (LayerCoverage &layer : result.layers)
        std::erase_if(layer.mitigations,
                      [](const MitigationCoverage &m) { return m.threats.empty(); });
    return result;
}

namespace {

/** An item of the model that can hold a property, with the schema that applies to it. */
struct Holding
{
    std::string id;
    const PropertySpec *spec = nullptr;
};

class SettingResolver
{
public:
    SettingResolver(const ThreatModel &model, const Catalog &catalog)
        : m_model(model)
        , m_catalog(catalog)
    {}

    /** The settings that satisfy one of the condition sets for this threat, if any does. */
    std::optional<std::vector<PropertySetting>>
    resolve(const std::vector<ConditionSet> &alternatives, const Threat &threat) const
    {
        for (const ConditionSet &conditions : alternatives) {
            std::vector<PropertySetting> settings;
            for (const PropertyCondition &c : conditions) {
                const Holding holding = holderOf(c, threat);
                if (!holding.spec || !holding.spec->checkValue(c.value).empty())
                    break;
                settings.push_back({holding.id, c.property, c.value});
            }
            if (settings.size() == conditions.size())
                return settings;
        }
        return std::nullopt;
    }

    /** The value stored on an item today, if any. */
    const PropertyValue *stored(const PropertySetting &setting) const
    {
        const ItemRef holder = findItem(m_model, setting.holderId);
        if (!holder)
            return nullptr;
        const PropertyMap &properties = holder.properties();
        const auto it = properties.find(setting.property);
        return it == properties.end() ? nullptr : &it->second;
    }

private:
    Holding ofElement(const Element *e, const std::string &property) const
    {
        const ElementKind *kind = e ? m_catalog.findKind(e->kind) : nullptr;
        return kind ? Holding{e->id, m_catalog.findElementProperty(*kind, e->properties, property)}
                    : Holding{};
    }

    Holding ofBoundary(const Boundary *b, const std::string &property) const
    {
        const ElementKind *kind = b ? m_catalog.findKind(b->kind) : nullptr;
        return kind ? Holding{b->id, m_catalog.findProperty(*kind, property)} : Holding{};
    }

    Holding holderOf(const PropertyCondition &c, const Threat &threat) const
    {
        const ItemRef subject = findItem(m_model, threat.subjectId, itemKindOf(threat.subjectType));
        const Element *element = subject.element();
        const Boundary *boundary = subject.boundary();
        const Flow *flow = subject.flow();
        switch (c.holder) {
        case Holder::Subject:
            if (element)
                return ofElement(element, c.property);
            if (boundary)
                return ofBoundary(boundary, c.property);
            if (flow)
                return {flow->id, m_catalog.findFlowProperty(c.property)};
            return {};
        case Holder::Source:
            return flow ? ofElement(m_model.findElement(flow->source), c.property) : Holding{};
        case Holder::Target:
            return flow ? ofElement(m_model.findElement(flow->target), c.property) : Holding{};
        case Holder::EnclosingBoundary: {
            const std::vector<const Boundary *> chain = element ? m_model.boundaryChain(*element)
                                                        : boundary
                                                            ? m_model.enclosingBoundaries(*boundary)
                                                            : std::vector<const Boundary *>{};
            for (const Boundary *b : chain) {
                if (c.boundaryKind && b->kind == c.boundaryKind->id)
                    return ofBoundary(b, c.property);
            }
            return {};
        }
        }
        return {};
    }

    const ThreatModel &m_model;
    const Catalog &m_catalog;
};

} // namespace

MitigationPlan planMitigation(const MitigationCoverage &coverage,
                              const std::vector<const Threat *> &threats, const ThreatModel &model,
                              const Catalog &catalog)
{
    MitigationPlan plan;
    const SettingResolver resolver(model, catalog);
    // Threats of one rule share a link: its conditions are worked out once.
    std::map<const MitigationLink *, std::vector<ConditionSet>> conditionsOf;
    std::set<std::pair<std::string, std::string>> planned; // holder, property
    for (const CoveredThreat &covered : coverage.threats) {
        if (covered.implemented)
            continue;
        const Threat &threat = *threats.at(covered.threat);
        const MitigationLink &link = threat.rule->mitigations.at(covered.link);
        auto conditions = conditionsOf.find(&link);
        if (conditions == conditionsOf.end())
            conditions =
                conditionsOf.emplace(&link, satisfyingConditions(link.implementedWhen)).first;
        const auto settings = resolver.resolve(conditions->second, threat);
        if (!settings) {
            ++plan.inexpressible;
            continue;
        }
        for (const PropertySetting &setting : *settings) {
            if (!planned.emplace(setting.holderId, setting.property).second)
                continue;
            const PropertyValue *current = resolver.stored(setting);
            if (current && *current == setting.value)
                continue; // already stored: the check fails for another reason
            plan.settings.push_back(setting);
        }
    }
    return plan;
}

} // namespace bulkhead
