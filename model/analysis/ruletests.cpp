#include "ruletests.h"

#include "analysis.h"
#include "catalog/catalog.h"
#include "core/displaytext.h"
#include "core/threatmodel.h"
#include "io/jsonfields.h"
#include "validator.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace bulkhead {

namespace {

using nlohmann::json;
using namespace jsonfields;

PropertyMap readCaseProperties(const json &object, const std::string &at)
{
    PropertyMap properties;
    const auto it = object.find("properties");
    if (it == object.end())
        return properties;
    expectObject(*it, child(at, "properties"));
    for (const auto &[name, value] : it->items())
        properties.emplace(name, propertyValue(value, child(child(at, "properties"), name)));
    return properties;
}

/** Adds the listed boundaries, outermost first; returns the innermost id (or `parent`). */
std::string addBoundaries(ThreatModel &model, const json &object, const std::string &at,
                          const std::string &prefix, std::string parent)
{
    const auto it = object.find("boundaries");
    if (it == object.end())
        return parent;
    expectArray(*it, child(at, "boundaries"));
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string here = child(child(at, "boundaries"), i);
        const json &item = (*it)[i];
        expectObject(item, here);
        rejectUnknownKeys(item, {"kind", "properties"}, here);
        Boundary boundary;
        boundary.id = prefix + "-boundary-" + std::to_string(i + 1);
        boundary.kind = stringValue(required(item, "kind", here), child(here, "kind"));
        boundary.name = boundary.id;
        boundary.parent = parent;
        boundary.properties = readCaseProperties(item, here);
        parent = model.addBoundary(std::move(boundary)).id;
    }
    return parent;
}

/** A case's "initiator" ("source" when absent): which end of its flow opens the connection. */
FlowInitiator caseInitiator(const json &object, const std::string &at)
{
    const std::string key = optionalString(object, "initiator", at, "source");
    const auto initiator = flowInitiatorFromKey(key);
    if (!initiator)
        throw FormatError{child(at, "initiator"), "unknown initiator " + displayQuoted(key)
                                                      + " (expected source or target)"};
    return *initiator;
}

/** The boundary of kind `"boundary"` an item asks to be drawn in, made for it alone; "" for none. */
std::string addBoundaryBeside(ThreatModel &model, const json &item, const std::string &id,
                              const std::string &here)
{
    const auto kind = item.find("boundary");
    if (kind == item.end())
        return {};
    Boundary boundary;
    boundary.id = id + "-boundary";
    boundary.name = boundary.id;
    boundary.kind = stringValue(*kind, child(here, "boundary"));
    return model.addBoundary(std::move(boundary)).id;
}

void addNeighbours(ThreatModel &model, const json &testCase, const char *key, bool inbound)
{
    const auto it = testCase.find(key);
    if (it == testCase.end())
        return;
    const std::string at = std::string("/") + key;
    expectArray(*it, at);
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string here = child(at, i);
        const json &item = (*it)[i];
        expectObject(item, here);
        rejectUnknownKeys(item, {"kind", "properties", "boundary", "flow", "initiator"}, here);
        const std::string id = std::string(key) + "-" + std::to_string(i + 1);
        Element neighbour;
        neighbour.id = id;
        neighbour.name = id;
        neighbour.kind = stringValue(required(item, "kind", here), child(here, "kind"));
        neighbour.properties = readCaseProperties(item, here);
        neighbour.boundary = addBoundaryBeside(model, item, id, here);
        model.addElement(std::move(neighbour));
        Flow flow;
        flow.id = id + "-flow";
        flow.name = flow.id;
        flow.source = inbound ? id : "subject";
        flow.target = inbound ? "subject" : id;
        flow.initiator = caseInitiator(item, here);
        if (const auto f = item.find("flow"); f != item.end()) {
            expectObject(*f, child(here, "flow"));
            json wrapper = json::object({{"properties", *f}});
            flow.properties = readCaseProperties(wrapper, child(here, "flow"));
        }
        model.addFlow(std::move(flow));
    }
}

/**
 * Elements placed inside a boundary subject: `"members": [{"kind", "properties"}]`. A member
 * with `"boundary": KIND` is drawn in a boundary of that kind beside the subject instead, so
 * that a case can attach it to the subject through its `networks` (`["subject"]`).
 */
void addMembers(ThreatModel &model, const json &testCase)
{
    const auto it = testCase.find("members");
    if (it == testCase.end())
        return;
    expectArray(*it, "/members");
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string here = child("/members", i);
        const json &item = (*it)[i];
        expectObject(item, here);
        rejectUnknownKeys(item, {"kind", "properties", "boundary"}, here);
        Element member;
        member.id = "member-" + std::to_string(i + 1);
        member.name = member.id;
        member.kind = stringValue(required(item, "kind", here), child(here, "kind"));
        member.boundary = addBoundaryBeside(model, item, member.id, here);
        if (member.boundary.empty())
            member.boundary = "subject";
        member.properties = readCaseProperties(item, here);
        model.addElement(std::move(member));
    }
}

/**
 * Networks the element subject is on besides the boundaries drawn around it:
 * `"networks": [{"kind", "properties"}]` become boundaries beside it, listed in its `networks`.
 */
void addListedNetworks(ThreatModel &model, const json &testCase, Element &subject)
{
    const auto it = testCase.find("networks");
    if (it == testCase.end())
        return;
    expectArray(*it, "/networks");
    StringList ids;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string here = child("/networks", i);
        const json &item = (*it)[i];
        expectObject(item, here);
        rejectUnknownKeys(item, {"kind", "properties"}, here);
        Boundary network;
        network.id = "network-" + std::to_string(i + 1);
        network.name = network.id;
        network.kind = stringValue(required(item, "kind", here), child(here, "kind"));
        network.properties = readCaseProperties(item, here);
        ids.push_back(model.addBoundary(std::move(network)).id);
    }
    subject.properties["networks"] = ids;
}

std::string buildCase(const Catalog &catalog, const ThreatRule &threat, const json &testCase,
                      ThreatModel &model)
{
    switch (threat.scope) {
    case RuleScope::Element: {
        rejectUnknownKeys(testCase,
                          {"name", "expect", "kind", "properties", "boundaries", "inbound",
                           "outbound", "members", "networks", "implemented", "residualLikelihood"},
                          "");
        const std::string kindId = optionalString(testCase, "kind", "", threat.appliesTo.front());
        const ElementKind *kind = catalog.findKind(kindId);
        if (!kind)
            throw FormatError{"/kind", "unknown kind \"" + kindId + "\""};
        const std::string innermost = addBoundaries(model, testCase, "", "subject", "");
        if (kind->isBoundary()) {
            Boundary subject;
            subject.id = "subject";
            subject.name = "subject";
            subject.kind = kindId;
            subject.parent = innermost;
            subject.properties = readCaseProperties(testCase, "");
            model.addBoundary(std::move(subject));
            addMembers(model, testCase);
            return "subject";
        }
        Element subject;
        subject.id = "subject";
        subject.name = "subject";
        subject.kind = kindId;
        subject.boundary = innermost;
        subject.properties = readCaseProperties(testCase, "");
        addListedNetworks(model, testCase, subject);
        model.addElement(std::move(subject));
        addNeighbours(model, testCase, "inbound", true);
        addNeighbours(model, testCase, "outbound", false);
        return "subject";
    }
    case RuleScope::Flow: {
        rejectUnknownKeys(testCase,
                          {"name", "expect", "flow", "initiator", "source", "target", "implemented",
                           "residualLikelihood"},
                          "");
        auto addEnd = [&](const char *key, const std::vector<std::string> &kinds) {
            Element end;
            end.id = key;
            end.name = key;
            end.kind = kinds.empty() ? std::string("container") : kinds.front();
            const auto it = testCase.find(key);
            if (it != testCase.end()) {
                const std::string at = std::string("/") + key;
                expectObject(*it, at);
                rejectUnknownKeys(*it, {"kind", "properties", "boundaries"}, at);
                end.kind = optionalString(*it, "kind", at, end.kind);
                end.properties = readCaseProperties(*it, at);
                end.boundary = addBoundaries(model, *it, at, key, "");
            }
            model.addElement(std::move(end));
        };
        addEnd("source", threat.sourceKinds);
        addEnd("target", threat.targetKinds);
        Flow flow;
        flow.id = "subject";
        flow.name = "subject";
        flow.source = "source";
        flow.target = "target";
        flow.initiator = caseInitiator(testCase, "");
        if (const auto f = testCase.find("flow"); f != testCase.end()) {
            expectObject(*f, "/flow");
            json wrapper = json::object({{"properties", *f}});
            flow.properties = readCaseProperties(wrapper, "/flow");
        }
        model.addFlow(std::move(flow));
        return "subject";
    }
    case RuleScope::Model: {
        rejectUnknownKeys(testCase,
                          {"name", "expect", "elements", "implemented", "residualLikelihood"}, "");
        if (const auto it = testCase.find("elements"); it != testCase.end()) {
            expectArray(*it, "/elements");
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string at = child("/elements", i);
                expectObject((*it)[i], at);
                rejectUnknownKeys((*it)[i], {"kind", "properties"}, at);
                const std::string kindId = stringValue(required((*it)[i], "kind", at),
                                                       child(at, "kind"));
                const ElementKind *kind = catalog.findKind(kindId);
                if (kind && kind->isBoundary()) {
                    Boundary b;
                    b.id = "boundary-" + std::to_string(i + 1);
                    b.name = b.id;
                    b.kind = kindId;
                    b.properties = readCaseProperties((*it)[i], at);
                    model.addBoundary(std::move(b));
                } else {
                    Element e;
                    e.id = "element-" + std::to_string(i + 1);
                    e.name = e.id;
                    e.kind = kindId;
                    e.properties = readCaseProperties((*it)[i], at);
                    model.addElement(std::move(e));
                }
            }
        }
        return modelSubjectId;
    }
    }
    return {};
}

/**
 * What the case's "implemented" (mitigation id -> counts as implemented) and
 * "residualLikelihood" say that `found` does not show; empty when it shows all of it. These
 * keys need a case that fires: they are how a case shows that a control lowers the residual
 * only with the evidence it names.
 */
std::string mitigationMismatch(const json &testCase, const Threat *found)
{
    const auto listed = testCase.find("implemented");
    const auto residual = testCase.find("residualLikelihood");
    if (listed == testCase.end() && residual == testCase.end())
        return {};
    if (!found)
        throw FormatError{"", "implemented and residualLikelihood need a case that fires"};
    std::string mismatch;
    if (listed != testCase.end()) {
        expectObject(*listed, "/implemented");
        const std::vector<MitigationState> states = found->mitigations();
        for (const auto &item : listed->items()) {
            // A named variable, not a structured binding: lambdas may not capture bindings (C++20).
            const std::string &id = item.key();
            const json &value = item.value();
            const bool expected = boolValue(value, child("/implemented", id));
            const auto state = std::find_if(
                states.begin(), states.end(),
                [&id](const MitigationState &s) { return s.mitigation && s.mitigation->id == id; });
            if (state == states.end())
                throw FormatError{child("/implemented", id), "the threat does not link " + id};
            if (state->implemented != expected)
                mismatch += (mismatch.empty() ? "" : "; ") + id
                            + (expected ? " is not implemented" : " is implemented");
        }
    }
    if (residual != testCase.end()) {
        const std::int64_t expected = integerValue(*residual, "/residualLikelihood");
        if (expected != found->residualLikelihood)
            mismatch += (mismatch.empty() ? "" : "; ") + std::string("residual likelihood ")
                        + std::to_string(found->residualLikelihood) + ", expected "
                        + std::to_string(expected);
    }
    return mismatch;
}

} // namespace

std::vector<RuleTestResult> runRuleTests(const Catalog &catalog, const ThreatRule &threat)
{
    std::vector<RuleTestResult> results;
    json cases;
    try {
        cases = json::parse(threat.testsJson.empty() ? std::string("[]") : threat.testsJson);
    } catch (const json::exception &) {
        results.push_back({threat.id, "", "", false, "tests are not valid JSON"});
        return results;
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json &testCase = cases[i];
        RuleTestResult result;
        result.threatId = threat.id;
        result.caseName = "case " + std::to_string(i + 1);
        try {
            expectObject(testCase, "");
            result.caseName = optionalString(testCase, "name", "", result.caseName);
            result.expected = stringValue(required(testCase, "expect", ""), "/expect");
            if (result.expected != "fires" && result.expected != "confirm"
                && result.expected != "quiet")
                throw FormatError{"/expect", "expect must be fires, confirm or quiet"};
            ThreatModel model;
            const std::string subject = buildCase(catalog, threat, testCase, model);
            std::string invalid;
            for (const Diagnostic &d : validateModel(model, catalog)) {
                if (d.severity == DiagnosticSeverity::Error)
                    invalid += (invalid.empty() ? "" : "; ") + d.message;
            }
            if (!invalid.empty())
                throw FormatError{"", "the case's model is invalid: " + invalid};
            const AnalysisResult analysis = analyzeModel(model, catalog);
            // A flow threat reported once per target is reported on the flow's target element.
            const Threat *found = analysis.findThreat(
                threat.id + "@"
                + (threat.scope == RuleScope::Flow && threat.reportedOncePerTarget
                       ? std::string("target")
                       : subject));
            const std::string actual = !found                     ? "quiet"
                                       : found->needsConfirmation ? "confirm"
                                                                  : "fires";
            if (actual == result.expected) {
                // A malformed "implemented" or "residualLikelihood" throws: the case fails.
                result.failure = mitigationMismatch(testCase, found);
                result.passed = result.failure.empty();
            } else {
                result.failure = "expected " + result.expected + " but got " + actual;
                if (found)
                    result.failure += " (" + ThreatExplainer(model, catalog).explanation(*found)
                                      + ")";
            }
        } catch (const FormatError &error) {
            result.failure = (error.pointer.empty() ? std::string() : error.pointer + ": ")
                             + error.message;
        } catch (const json::exception &error) {
            result.failure = error.what();
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace bulkhead
