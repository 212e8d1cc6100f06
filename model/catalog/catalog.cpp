#include "catalog.h"

#include "core/displaytext.h"
#include "deployment.h"
#include "embeddedcatalogs.h"
#include "imagetableformat.h"
#include "io/jsonfields.h"
#include "io/jsontext.h"
#include "io/textfile.h"
#include "supersedes.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

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
    rejectUnknownKeys(item,
                      {"name", "label", "group", "type", "values", "default", "minimum", "maximum",
                       "description", "defaultNote", "descriptive"},
                      at);
    PropertySpec spec;
    spec.name = stringValue(required(item, "name", at), child(at, "name"));
    if (spec.name.empty())
        throw FormatError{child(at, "name"), "property name must not be empty"};
    const std::string typeKey = stringValue(required(item, "type", at), child(at, "type"));
    spec.type = keyedValue(typeKey, propertyTypeFromKey, child(at, "type"), "property type",
                           "bool, tri, enum, int, string or stringList");
    if (spec.type == PropertyType::Tri) {
        spec.values = {"yes", "no", "unknown"};
        if (item.contains("values"))
            throw FormatError{child(at, "values"),
                              "a tri property has the fixed values yes, no, unknown"};
    } else if (spec.type == PropertyType::Enum) {
        spec.values = stringListValue(required(item, "values", at), child(at, "values"));
        if (spec.values.empty())
            throw FormatError{child(at, "values"), "an enum needs at least one value"};
        if (std::set<std::string>(spec.values.begin(), spec.values.end()).size()
            != spec.values.size())
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
    spec.label = optionalString(item, "label", at);
    if (item.contains("label") && spec.label.find_first_not_of(" \t\r\n") == std::string::npos)
        throw FormatError{child(at, "label"), "a property label must not be empty"};
    if (item.contains("group"))
        spec.topic = keyedValue(optionalString(item, "group", at), propertyTopicFromKey,
                                child(at, "group"), "property group",
                                "identity, image, runtimeSecurity, network, data or notes");
    spec.description = optionalString(item, "description", at);
    spec.defaultNote = optionalString(item, "defaultNote", at);
    spec.descriptive = optionalBool(item, "descriptive", at, false);
    return spec;
}

std::vector<PropertySpec> readPropertyList(const json &list, const std::string &at)
{
    expectArray(list, at);
    std::vector<PropertySpec> specs;
    for (std::size_t i = 0; i < list.size(); ++i) {
        PropertySpec spec = readPropertySpec(list[i], child(at, i));
        if (findByName(specs, spec.name))
            throw FormatError{child(child(at, i), "name"),
                              "duplicate property " + displayQuoted(spec.name)};
        specs.push_back(std::move(spec));
    }
    return specs;
}

ElementKind readKind(const json &item, const std::string &at)
{
    expectObject(item, at);
    rejectUnknownKeys(
        item, {"id", "role", "displayName", "description", "icon", "properties", "deployableAs"},
        at);
    ElementKind kind;
    kind.id = stringValue(required(item, "id", at), child(at, "id"));
    if (kind.id.empty())
        throw FormatError{child(at, "id"), "kind id must not be empty"};
    const std::string roleKey = stringValue(required(item, "role", at), child(at, "role"));
    kind.role = keyedValue(roleKey, elementRoleFromKey, child(at, "role"), "role",
                           "external-entity, process, data-store or boundary");
    kind.displayName = optionalString(item, "displayName", at, kind.id);
    kind.description = optionalString(item, "description", at);
    kind.icon = optionalString(item, "icon", at, kind.id);
    if (const auto it = item.find("properties"); it != item.end())
        kind.properties = readPropertyList(*it, child(at, "properties"));
    if (const PropertySpec *own = findByName(kind.properties, deployedAsProperty))
        throw FormatError{child(at, "properties"),
                          displayQuoted(own->name)
                              + " comes from \"deployableAs\"; list the kinds there"};
    if (const auto it = item.find("deployableAs"); it != item.end())
        kind.deployableAs = stringListValue(*it, child(at, "deployableAs"));
    return kind;
}

Reference readReference(const json &item, const std::string &ref)
{
    static const std::vector<std::string> sources{
        "nist-800-190",    "mitre-attack",       "ms-k8s-matrix", "cis-docker", "cis-kubernetes",
        "owasp-k8s-top10", "owasp-docker-top10", "cwe",           "capec"};
    Reference reference;
    reference.source = stringValue(required(item, "source", ref), child(ref, "source"));
    if (std::find(sources.begin(), sources.end(), reference.source) == sources.end()) {
        throw FormatError{child(ref, "source"),
                          "unknown reference source " + displayQuoted(reference.source)};
    }
    reference.id = stringValue(required(item, "id", ref), child(ref, "id"));
    if (reference.id.empty())
        throw FormatError{child(ref, "id"), "reference id must not be empty"};
    const bool versioned = reference.source.rfind("cis-", 0) == 0;
    const bool edition = reference.source.rfind("owasp-", 0) == 0;
    reference.version = optionalString(item, versioned ? "version" : "edition", ref);
    if ((versioned || edition) && reference.version.empty()) {
        throw FormatError{ref, std::string(versioned ? "CIS references need a benchmark "
                                                       "\"version\""
                                                     : "OWASP references need an \"edition\"")};
    }
    if (!versioned && item.contains("version"))
        throw FormatError{child(ref, "version"), "only CIS references take a version"};
    if (!edition && item.contains("edition"))
        throw FormatError{child(ref, "edition"), "only OWASP references take an edition"};
    return reference;
}

std::vector<Reference> readReferences(const json &object, const std::string &at)
{
    std::vector<Reference> references;
    readObjectArray(object, "references", at, {"source", "id", "version", "edition"},
                    [&](const json &item, const std::string &ref) {
                        references.push_back(readReference(item, ref));
                    });
    return references;
}

MitigationEvidence readEvidence(const json &item, const std::string &at)
{
    const MitigationEvidence evidence = keyedValue(optionalString(item, "evidence", at, "model"),
                                                   mitigationEvidenceFromKey, child(at, "evidence"),
                                                   "evidence", "model or process");
    if (evidence == MitigationEvidence::Process && item.contains("implementedWhen")) {
        throw FormatError{child(at, "implementedWhen"),
                          "a process control has no implementedWhen: the model cannot show it"};
    }
    return evidence;
}

/** `{"id", "implementedWhen"}` or `{"id", "evidence": "process"}`: this threat's own check. */
MitigationLink readMitigationLink(const json &item, const std::string &at)
{
    expectObject(item, at);
    rejectUnknownKeys(item, {"id", "implementedWhen", "evidence"}, at);
    MitigationLink link;
    link.id = stringValue(required(item, "id", at), child(at, "id"));
    link.evidence = readEvidence(item, at);
    if (link.evidence == MitigationEvidence::Model) {
        link.implementedWhenOverride = stringValue(required(item, "implementedWhen", at),
                                                   child(at, "implementedWhen"));
    }
    return link;
}

Mitigation readMitigation(const json &item, const std::string &at, const std::string &source)
{
    expectObject(item, at);
    rejectUnknownKeys(
        item, {"id", "title", "description", "layer", "implementedWhen", "evidence", "references"},
        at);
    Mitigation m;
    m.id = stringValue(required(item, "id", at), child(at, "id"));
    if (m.id.empty())
        throw FormatError{child(at, "id"), "mitigation id must not be empty"};
    m.title = stringValue(required(item, "title", at), child(at, "title"));
    m.description = stringValue(required(item, "description", at), child(at, "description"));
    const std::string layer = stringValue(required(item, "layer", at), child(at, "layer"));
    m.layer = keyedValue(layer, defenseLayerFromKey, child(at, "layer"), "layer",
                         "image, supply-chain, orchestrator, runtime, host, network, identity "
                         "or monitoring");
    m.implementedWhen = optionalString(item, "implementedWhen", at);
    m.evidence = readEvidence(item, at);
    m.references = readReferences(item, at);
    m.sourceFile = source;
    return m;
}

int readRating(const json &item, const char *key, const std::string &at)
{
    const std::int64_t value = integerValue(required(item, key, at), child(at, key));
    if (value < 1 || value > 4)
        throw FormatError{child(at, key), "must be between 1 and 4"};
    return static_cast<int>(value);
}

ThreatRule readThreat(const json &item, const std::string &at, const std::string &source)
{
    expectObject(item, at);
    rejectUnknownKeys(item,
                      {"id", "title", "description", "stride", "scope", "appliesTo", "when",
                       "likelihood", "impact", "reachability", "mitigations", "references",
                       "sourceRefs", "supersedes", "reportedOncePerTarget",
                       "maxUnconfirmedSeverity", "tests"},
                      at);
    ThreatRule t;
    t.id = stringValue(required(item, "id", at), child(at, "id"));
    if (t.id.empty() || t.id.find('@') != std::string::npos)
        throw FormatError{child(at, "id"), "threat id must be non-empty and without \"@\""};
    t.title = stringValue(required(item, "title", at), child(at, "title"));
    t.description = stringValue(required(item, "description", at), child(at, "description"));
    t.stride = stringValue(required(item, "stride", at), child(at, "stride"));
    if (t.stride.empty() || t.stride.find_first_not_of("STRIDE") != std::string::npos
        || std::set<char>(t.stride.begin(), t.stride.end()).size() != t.stride.size())
        throw FormatError{child(at, "stride"),
                          "STRIDE letters (S, T, R, I, D, E), each once, primary first"};
    const std::string scope = stringValue(required(item, "scope", at), child(at, "scope"));
    if (scope == "element") {
        t.scope = RuleScope::Element;
        t.appliesTo = stringListValue(required(item, "appliesTo", at), child(at, "appliesTo"));
        if (t.appliesTo.empty())
            throw FormatError{child(at, "appliesTo"),
                              "an element rule applies to at least one kind"};
    } else if (scope == "flow") {
        t.scope = RuleScope::Flow;
        if (const auto it = item.find("appliesTo"); it != item.end()) {
            const std::string here = child(at, "appliesTo");
            expectObject(*it, here);
            rejectUnknownKeys(*it, {"source", "target"}, here);
            t.sourceKinds = optionalStringList(*it, "source", here);
            t.targetKinds = optionalStringList(*it, "target", here);
        }
    } else if (scope == "model") {
        t.scope = RuleScope::Model;
        if (item.contains("appliesTo"))
            throw FormatError{child(at, "appliesTo"), "model rules apply to the whole model"};
    } else {
        throw FormatError{child(at, "scope"), "scope must be element, flow or model"};
    }
    t.when = stringValue(required(item, "when", at), child(at, "when"));
    t.likelihood = readRating(item, "likelihood", at);
    t.impact = readRating(item, "impact", at);
    if (const auto it = item.find("reachability"); it != item.end()) {
        const std::string key = stringValue(*it, child(at, "reachability"));
        const auto reachability = reachabilityFromKey(key);
        if (!reachability)
            throw FormatError{child(at, "reachability"),
                              "unknown reachability " + displayQuoted(key)
                                  + " (expected raises-likelihood or irrelevant)"};
        t.reachability = *reachability;
        t.reachabilityDeclared = true;
    }
    const json &links = required(item, "mitigations", at);
    const std::string linksAt = child(at, "mitigations");
    expectArray(links, linksAt);
    for (std::size_t i = 0; i < links.size(); ++i) {
        const std::string linkAt = child(linksAt, i);
        MitigationLink link;
        if (links[i].is_string()) {
            link.id = links[i].get<std::string>();
        } else {
            link = readMitigationLink(links[i], linkAt);
        }
        t.mitigations.push_back(std::move(link));
    }
    t.references = readReferences(item, at);
    t.sourceRefs = optionalStringList(item, "sourceRefs", at);
    static const std::set<std::string> labels{"S1", "S2", "S3", "T1", "T2", "T3", "T4", "T5", "T6",
                                              "R1", "I1", "I2", "I3", "D1", "D2", "D3", "E1", "E2"};
    for (std::size_t i = 0; i < t.sourceRefs.size(); ++i) {
        if (!labels.count(t.sourceRefs[i])) {
            throw FormatError{child(child(at, "sourceRefs"), i),
                              "unknown source-article label " + displayQuoted(t.sourceRefs[i])
                                  + " (S1…E2)"};
        }
    }
    t.supersedes = optionalStringList(item, "supersedes", at);
    for (std::size_t i = 0; i < t.supersedes.size(); ++i) {
        if (t.supersedes[i].empty())
            throw FormatError{child(child(at, "supersedes"), i), "threat id must not be empty"};
    }
    t.reportedOncePerTarget = optionalBool(item, "reportedOncePerTarget", at, false);
    if (t.reportedOncePerTarget && t.scope != RuleScope::Flow)
        throw FormatError{child(at, "reportedOncePerTarget"),
                          "only a flow threat has a target to be reported once for"};
    if (const auto it = item.find("maxUnconfirmedSeverity"); it != item.end()) {
        const std::string here = child(at, "maxUnconfirmedSeverity");
        const std::string key = stringValue(*it, here);
        t.maxUnconfirmedSeverity = severityFromKey(key);
        if (!t.maxUnconfirmedSeverity || *t.maxUnconfirmedSeverity == Severity::Critical)
            throw FormatError{here, "unknown severity " + displayQuoted(key)
                                        + " (expected low, medium or high)"};
    }
    if (const auto it = item.find("tests"); it != item.end()) {
        expectArray(*it, child(at, "tests"));
        t.testsJson = it->dump();
    }
    t.sourceFile = source;
    return t;
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
                                  "kind " + displayQuoted(kind.id)
                                      + " redeclares the common property "
                                      + displayQuoted(kind.properties[p].name)};
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
    m_finalized = false;
    const auto it = std::find_if(m_kinds.begin(), m_kinds.end(),
                                 [&](const ElementKind &k) { return k.id == kind.id; });
    if (it == m_kinds.end()) {
        m_kinds.push_back(std::move(kind));
        return;
    }
    // An existing kind is updated, not replaced: an extra catalog that changes one default
    // must not take away the properties the built-in rules read.
    it->role = kind.role;
    it->displayName = std::move(kind.displayName);
    it->description = std::move(kind.description);
    it->icon = std::move(kind.icon);
    for (PropertySpec &spec : kind.properties)
        addOrReplace(it->properties, std::move(spec), &PropertySpec::name);
    if (!kind.deployableAs.empty())
        it->deployableAs = std::move(kind.deployableAs);
}

void Catalog::setPropertySources(const std::string &sourceFile)
{
    auto mark = [&](std::vector<PropertySpec> &specs) {
        for (PropertySpec &spec : specs)
            spec.sourceFile = sourceFile;
    };
    mark(m_commonElement);
    mark(m_commonBoundary);
    mark(m_flowProperties);
    for (ElementKind &kind : m_kinds)
        mark(kind.properties);
}

void Catalog::addCommonElementProperty(PropertySpec spec)
{
    m_finalized = false;
    addOrReplace(m_commonElement, std::move(spec), &PropertySpec::name);
}

void Catalog::addCommonBoundaryProperty(PropertySpec spec)
{
    m_finalized = false;
    addOrReplace(m_commonBoundary, std::move(spec), &PropertySpec::name);
}

void Catalog::addFlowProperty(PropertySpec spec)
{
    m_finalized = false;
    addOrReplace(m_flowProperties, std::move(spec), &PropertySpec::name);
}

void Catalog::addMitigation(Mitigation mitigation)
{
    addOrReplace(m_mitigations, std::move(mitigation), &Mitigation::id);
    m_finalized = false;
}

void Catalog::addThreat(ThreatRule threat)
{
    addOrReplace(m_threats, std::move(threat), &ThreatRule::id);
    m_finalized = false;
}

void Catalog::addPathList(PathList list)
{
    addOrReplace(m_pathLists, std::move(list), &PathList::id);
    m_finalized = false;
}

const PathList *Catalog::findPathList(std::string_view id) const
{
    const auto it = std::find_if(m_pathLists.begin(), m_pathLists.end(),
                                 [id](const PathList &list) { return list.id == id; });
    return it == m_pathLists.end() ? nullptr : &*it;
}

void Catalog::addImage(WellKnownImage image)
{
    m_finalized = false;
    m_images.add(std::move(image));
}

const Mitigation *Catalog::findMitigation(std::string_view id) const
{
    const auto it = std::find_if(m_mitigations.begin(), m_mitigations.end(),
                                 [id](const Mitigation &m) { return m.id == id; });
    return it == m_mitigations.end() ? nullptr : &*it;
}

const ThreatRule *Catalog::findThreat(std::string_view id) const
{
    const auto it = std::find_if(m_threats.begin(), m_threats.end(),
                                 [id](const ThreatRule &t) { return t.id == id; });
    return it == m_threats.end() ? nullptr : &*it;
}

std::vector<std::string> Catalog::finalize()
{
    // First: rules compile against the generated deployedAs property.
    std::vector<std::string> errors = resolveDeployableKinds(m_kinds);
    for (ThreatRule &threat : m_threats) {
        const std::string where = threat.sourceFile + ": threat " + threat.id + ": ";
        auto resolveKinds = [&](const std::vector<std::string> &ids, const char *field) {
            std::vector<const ElementKind *> kinds;
            for (const std::string &id : ids) {
                const ElementKind *kind = findKind(id);
                if (!kind)
                    errors.push_back(where + field + ": unknown kind " + displayQuoted(id));
                else
                    kinds.push_back(kind);
            }
            return kinds;
        };
        threat.subjectKinds = resolveKinds(threat.appliesTo, "appliesTo");
        threat.sourceKindPointers = resolveKinds(threat.sourceKinds, "appliesTo.source");
        threat.targetKindPointers = resolveKinds(threat.targetKinds, "appliesTo.target");
        if (threat.subjectKinds.size() != threat.appliesTo.size()
            || threat.sourceKindPointers.size() != threat.sourceKinds.size()
            || threat.targetKindPointers.size() != threat.targetKinds.size())
            continue;
        CompileContext context;
        context.catalog = this;
        context.scope = threat.scope;
        context.subjectKinds = threat.subjectKinds;
        context.sourceKinds = threat.sourceKindPointers;
        context.targetKinds = threat.targetKindPointers;
        auto compiled = compileExpression(threat.when, context);
        if (compiled)
            threat.compiledWhen = std::move(*compiled);
        else
            errors.push_back(where + "when:" + compiled.error());
        if (threat.mitigations.empty())
            errors.push_back(where + "mitigations: a threat needs at least one mitigation");
        if (threat.mitigations.size() > maxMitigationsPerThreat) {
            errors.push_back(where + "mitigations: a threat links at most "
                             + std::to_string(maxMitigationsPerThreat) + " mitigations, not "
                             + std::to_string(threat.mitigations.size()));
        }
        for (MitigationLink &link : threat.mitigations) {
            link.mitigation = findMitigation(link.id);
            link.implementedWhen = {};
            if (!link.mitigation) {
                errors.push_back(where + "mitigations: unknown mitigation "
                                 + displayQuoted(link.id));
                continue;
            }
            if (link.evidence == MitigationEvidence::Process)
                continue; // this subject cannot show the control: nothing to compile
            if (link.mitigation->evidence == MitigationEvidence::Process
                && !link.implementedWhenOverride.empty()) {
                errors.push_back(where + "mitigation " + link.id
                                 + ": implementedWhen: a process control has no check (from "
                                 + link.mitigation->sourceFile
                                 + "); drop the check or the mitigation's \"evidence\"");
                continue;
            }
            const std::string &check = link.implementedWhenOverride.empty()
                                           ? link.mitigation->implementedWhen
                                           : link.implementedWhenOverride;
            if (check.empty())
                continue;
            auto compiledCheck = compileExpression(check, context);
            if (compiledCheck) {
                link.implementedWhen = std::move(*compiledCheck);
            } else if (link.implementedWhenOverride.empty()) {
                errors.push_back(where + "mitigation " + link.id + ": implementedWhen (from "
                                 + link.mitigation->sourceFile + "):" + compiledCheck.error()
                                 + "; give this threat its own check for it");
            } else {
                errors.push_back(where + "mitigation " + link.id
                                 + ": implementedWhen:" + compiledCheck.error());
            }
        }
    }
    // After every threat's kinds are resolved: the scope check compares two threats' kinds.
    resolveSupersedes(m_threats, errors);
    for (std::string &error : checkImageTable(*this))
        errors.push_back(std::move(error));
    m_finalized = errors.empty();
    return errors;
}

void Catalog::merge(const Catalog &overlay)
{
    m_finalized = false;
    for (const Mitigation &m : overlay.m_mitigations)
        addMitigation(m);
    for (const ThreatRule &t : overlay.m_threats)
        addThreat(t);
    for (const PathList &list : overlay.m_pathLists)
        addPathList(list);
    for (const ElementKind &kind : overlay.m_kinds)
        addKind(kind);
    for (const PropertySpec &spec : overlay.m_commonElement)
        addCommonElementProperty(spec);
    for (const PropertySpec &spec : overlay.m_commonBoundary)
        addCommonBoundaryProperty(spec);
    for (const PropertySpec &spec : overlay.m_flowProperties)
        addFlowProperty(spec);
    for (const WellKnownImage &image : overlay.m_images.entries())
        addImage(image);
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
        rejectUnknownKeys(document,
                          {"format", "formatVersion", "id", "commonElementProperties",
                           "commonBoundaryProperties", "flowProperties", "elementKinds",
                           "mitigations", "threats", "pathLists", "images"},
                          "");
        const std::string format = stringValue(required(document, "format", ""), "/format");
        if (format != catalogFormatName) {
            throw FormatError{"/format", "this is not a Bulkhead catalog (format is "
                                             + displayQuoted(format) + ", expected "
                                             + displayQuoted(catalogFormatName) + ")"};
        }
        const auto version = integerValue(required(document, "formatVersion", ""),
                                          "/formatVersion");
        if (version != currentCatalogFormatVersion) {
            throw FormatError{"/formatVersion", "catalog formatVersion " + std::to_string(version)
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
                    throw FormatError{child(at, "id"), "duplicate kind " + displayQuoted(kind.id)};
                catalog.addKind(std::move(kind));
            }
        }
        checkNoShadowing(catalog);
        catalog.setPropertySources(sourceName);
        if (const auto it = document.find("mitigations"); it != document.end()) {
            expectArray(*it, "/mitigations");
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string at = child("/mitigations", i);
                Mitigation m = readMitigation((*it)[i], at, sourceName);
                if (catalog.findMitigation(m.id))
                    throw FormatError{child(at, "id"),
                                      "duplicate mitigation " + displayQuoted(m.id)};
                catalog.addMitigation(std::move(m));
            }
        }
        if (const auto it = document.find("pathLists"); it != document.end()) {
            expectArray(*it, "/pathLists");
            for (std::size_t i = 0; i < it->size(); ++i) {
                PathList list = readPathList((*it)[i], child("/pathLists", i));
                if (catalog.findPathList(list.id))
                    throw FormatError{child(child("/pathLists", i), "id"),
                                      "duplicate path list " + displayQuoted(list.id)};
                catalog.addPathList(std::move(list));
            }
        }
        if (const auto it = document.find("threats"); it != document.end()) {
            expectArray(*it, "/threats");
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string at = child("/threats", i);
                ThreatRule t = readThreat((*it)[i], at, sourceName);
                if (catalog.findThreat(t.id))
                    throw FormatError{child(at, "id"), "duplicate threat " + displayQuoted(t.id)};
                catalog.addThreat(std::move(t));
            }
        }
        if (const auto it = document.find("images"); it != document.end()) {
            for (WellKnownImage &image : readImageSection(*it, "/images", sourceName))
                catalog.addImage(std::move(image));
        }
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

namespace {

/** Parses every embedded file and merges them, in name order, without finalizing. */
CatalogLoad loadEmbedded()
{
    CatalogLoad load;
    load.catalog.emplace();
    for (const EmbeddedFile &file : embeddedCatalogFiles()) {
        auto part = readCatalogText(file.content, "built-in:" + std::string(file.name));
        if (!part)
            load.errors.push_back(part.error());
        else
            load.catalog->merge(*part);
    }
    return load;
}

} // namespace

const Catalog &builtInCatalog()
{
    static const Catalog catalog = [] {
        CatalogLoad load = loadEmbedded();
        if (load.errors.empty())
            load.errors = load.catalog->finalize();
        if (!load.errors.empty()) {
            // The built-in files are checked by the test suite; reaching this is a
            // packaging error, not something a user's input can cause.
            for (const std::string &error : load.errors)
                std::fprintf(stderr, "bulkhead: %s\n", error.c_str());
            std::abort();
        }
        return std::move(*load.catalog);
    }();
    return catalog;
}

CatalogLoad loadCatalog(const std::vector<std::filesystem::path> &files, bool withBuiltIn)
{
    CatalogLoad load;
    if (withBuiltIn)
        load = loadEmbedded();
    else
        load.catalog.emplace();
    for (const auto &path : files) {
        auto extra = readCatalogFile(path);
        if (!extra)
            load.errors.push_back(extra.error());
        else
            load.catalog->merge(*extra);
    }
    if (load.errors.empty())
        load.errors = load.catalog->finalize();
    if (!load.errors.empty())
        load.catalog.reset();
    return load;
}

Result<Catalog> loadCatalogWithExtras(const std::vector<std::filesystem::path> &extraFiles)
{
    CatalogLoad load = loadCatalog(extraFiles);
    if (!load.errors.empty()) {
        std::string message = load.errors.front();
        if (load.errors.size() > 1)
            message += " (and " + std::to_string(load.errors.size() - 1) + " more problems)";
        return Result<Catalog>::failure(std::move(message));
    }
    return std::move(*load.catalog);
}

} // namespace bulkhead
