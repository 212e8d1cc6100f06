#include "catalogexport.h"

#include "catalog/catalog.h"
#include "core/displaytext.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

namespace bulkhead {

namespace {

using ojson = nlohmann::ordered_json;

std::string str(std::string_view view)
{
    return std::string(view);
}

ojson propertyJson(const PropertySpec &spec)
{
    ojson item{{"name", spec.name}};
    // As in the catalog file: only where the catalog names the property itself.
    if (!spec.label.empty())
        item["label"] = spec.label;
    if (spec.topic != PropertyTopic::Unspecified)
        item["group"] = str(propertyTopicKey(spec.topic));
    item["type"] = str(propertyTypeKey(spec.type));
    if (spec.type == PropertyType::Enum)
        item["values"] = spec.values;
    item["default"] = std::visit([](const auto &v) { return ojson(v); }, spec.defaultValue);
    item["description"] = spec.description;
    item["defaultNote"] = spec.defaultNote;
    return item;
}

struct Statistics
{
    std::map<char, int> primaryStride;
    std::map<DefenseLayer, int> mitigationsPerLayer;
    std::map<std::string, std::set<std::string>>
        labelsTracedBy; ///< label → threats (primary matches)
    std::map<std::string, int> byScope;
    int multiLayer = 0;
    int twoReferenceKinds = 0;
    int withTests = 0;
};

Statistics statisticsOf(const Catalog &catalog)
{
    Statistics s;
    for (const Mitigation &m : catalog.mitigations())
        ++s.mitigationsPerLayer[m.layer];
    for (const ThreatRule &t : catalog.threats()) {
        ++s.primaryStride[t.primaryStride()];
        ++s.byScope[str(ruleScopeKey(t.scope))];
        std::set<DefenseLayer> layers;
        for (const MitigationLink &link : t.mitigations) {
            if (link.mitigation)
                layers.insert(link.mitigation->layer);
        }
        s.multiLayer += layers.size() >= 2 ? 1 : 0;
        std::set<std::string> sources;
        for (const Reference &r : t.references)
            sources.insert(r.source);
        s.twoReferenceKinds += sources.size() >= 2 ? 1 : 0;
        s.withTests += t.testsJson.size() > 2 ? 1 : 0;
        for (const std::string &label : t.sourceRefs) {
            if (!label.empty() && label.front() == t.primaryStride())
                s.labelsTracedBy[label].insert(t.id);
        }
    }
    return s;
}

} // namespace

std::string catalogToJson(const Catalog &catalog)
{
    const Statistics stats = statisticsOf(catalog);
    const double threatCount = static_cast<double>(
        std::max<std::size_t>(1, catalog.threats().size()));

    ojson stride = ojson::object();
    for (const char letter : std::string("STRIDE"))
        stride[std::string(1, letter)] = stats.primaryStride.count(letter)
                                             ? stats.primaryStride.at(letter)
                                             : 0;
    ojson layers = ojson::object();
    for (const DefenseLayer layer : allDefenseLayers)
        layers[str(defenseLayerKey(layer))] = stats.mitigationsPerLayer.count(layer)
                                                  ? stats.mitigationsPerLayer.at(layer)
                                                  : 0;
    ojson labels = ojson::object();
    for (const char *label : {"S1", "S2", "S3", "T1", "T2", "T3", "T4", "T5", "T6", "R1", "I1",
                              "I2", "I3", "D1", "D2", "D3", "E1", "E2"}) {
        const auto it = stats.labelsTracedBy.find(label);
        labels[label] = it == stats.labelsTracedBy.end() ? ojson::array() : ojson(it->second);
    }
    ojson scopes = ojson::object();
    for (const char *scope : {"element", "flow", "model"})
        scopes[scope] = stats.byScope.count(scope) ? stats.byScope.at(scope) : 0;

    const ojson statistics{
        {"elementKinds", catalog.elementKinds().size()},
        {"threats", catalog.threats().size()},
        {"mitigations", catalog.mitigations().size()},
        {"threatsByPrimaryStride", stride},
        {"threatsByScope", scopes},
        {"mitigationsByLayer", layers},
        {"threatsWithMitigationsFromTwoOrMoreLayers", stats.multiLayer},
        {"shareWithMitigationsFromTwoOrMoreLayers", stats.multiLayer / threatCount},
        {"threatsWithTwoOrMoreReferenceKinds", stats.twoReferenceKinds},
        {"shareWithTwoOrMoreReferenceKinds", stats.twoReferenceKinds / threatCount},
        {"threatsWithTests", stats.withTests},
        {"sourceLabelsTracedByPrimary", labels},
    };

    ojson kinds = ojson::array();
    for (const ElementKind &kind : catalog.elementKinds()) {
        ojson properties = ojson::array();
        for (const PropertySpec *spec : catalog.propertiesOf(kind))
            properties.push_back(propertyJson(*spec));
        kinds.push_back({{"id", kind.id},
                         {"role", str(elementRoleKey(kind.role))},
                         {"displayName", kind.displayName},
                         {"description", kind.description},
                         {"icon", kind.icon},
                         {"deployableAs", kind.deployableAs},
                         {"properties", std::move(properties)}});
    }
    ojson flowProperties = ojson::array();
    for (const PropertySpec &spec : catalog.flowProperties())
        flowProperties.push_back(propertyJson(spec));

    ojson threats = ojson::array();
    for (const ThreatRule &t : catalog.threats()) {
        ojson appliesTo;
        if (t.scope == RuleScope::Element)
            appliesTo = t.appliesTo;
        else if (t.scope == RuleScope::Flow)
            appliesTo = {{"source", t.sourceKinds}, {"target", t.targetKinds}};
        ojson mitigations = ojson::array();
        for (const MitigationLink &link : t.mitigations)
            mitigations.push_back(link.id);
        ojson references = ojson::array();
        for (const Reference &r : t.references) {
            ojson item{{"source", r.source}, {"id", r.id}};
            if (!r.version.empty())
                item[r.source.rfind("cis-", 0) == 0 ? "version" : "edition"] = r.version;
            references.push_back(std::move(item));
        }
        threats.push_back({{"id", t.id},
                           {"title", t.title},
                           {"description", t.description},
                           {"stride", t.stride},
                           {"scope", str(ruleScopeKey(t.scope))},
                           {"appliesTo", appliesTo},
                           {"when", t.when},
                           {"likelihood", t.likelihood},
                           {"impact", t.impact},
                           {"reachability", str(reachabilityKey(t.reachability))},
                           {"mitigations", std::move(mitigations)},
                           {"references", std::move(references)},
                           {"sourceRefs", t.sourceRefs},
                           {"source", t.sourceFile}});
    }
    ojson mitigations = ojson::array();
    for (const Mitigation &m : catalog.mitigations()) {
        mitigations.push_back({{"id", m.id},
                               {"title", m.title},
                               {"description", m.description},
                               {"layer", str(defenseLayerKey(m.layer))},
                               {"implementedWhen", m.implementedWhen}});
    }
    const ojson document{{"statistics", statistics},
                         {"elementKinds", std::move(kinds)},
                         {"flowProperties", std::move(flowProperties)},
                         {"threats", std::move(threats)},
                         {"mitigations", std::move(mitigations)}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string catalogToText(const Catalog &catalog)
{
    const Statistics stats = statisticsOf(catalog);
    std::ostringstream out;
    out << catalog.elementKinds().size() << " element kinds, " << catalog.threats().size()
        << " threats, " << catalog.mitigations().size() << " mitigations\n";
    out << "threats by primary STRIDE:";
    for (const char letter : std::string("STRIDE"))
        out << " " << letter << "="
            << (stats.primaryStride.count(letter) ? stats.primaryStride.at(letter) : 0);
    out << "\nmitigations by layer:";
    for (const DefenseLayer layer : allDefenseLayers)
        out << " " << defenseLayerKey(layer) << "="
            << (stats.mitigationsPerLayer.count(layer) ? stats.mitigationsPerLayer.at(layer) : 0);
    out << "\n\n";
    // Ids and titles may come from --catalog files: shown escaped on the terminal.
    for (const ThreatRule &t : catalog.threats())
        out << displayText(t.id) << "  " << t.stride << "  " << ruleScopeKey(t.scope) << "  "
            << displayText(t.title) << "\n";
    return out.str();
}

} // namespace bulkhead
