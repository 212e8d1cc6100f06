#include "modelindex.h"

#include "catalog/catalog.h"
#include "core/contextdefaults.h"
#include "core/limits.h"
#include "core/threatmodel.h"

#include <algorithm>
#include <string>
#include <variant>
#include <unordered_map>

namespace bulkhead {

namespace {

/** Per boundary, what its internetFacing says: "yes", "unknown", or empty (no, or not said). */
std::vector<std::string> internetFacingOf(const std::vector<Boundary> &modelBoundaries)
{
    std::vector<std::string> internetFacing(modelBoundaries.size());
    for (std::size_t i = 0; i < modelBoundaries.size(); ++i) {
        const auto facing = modelBoundaries[i].properties.find("internetFacing");
        if (facing != modelBoundaries[i].properties.end()
            && std::holds_alternative<std::string>(facing->second)
            && std::get<std::string>(facing->second) != "no")
            internetFacing[i] = std::get<std::string>(facing->second);
    }
    return internetFacing;
}

/**
 * The networks an element's `networks` lists besides those around it, sorted, so that a
 * service on thousands of networks is looked up, not scanned.
 */
std::vector<int> attachedNetworks(const Element &element, const std::vector<int> &chain,
                                  const std::unordered_map<std::string_view, int> &boundaryIndex)
{
    std::vector<int> attached;
    const auto networks = element.properties.find("networks");
    if (networks == element.properties.end()
        || !std::holds_alternative<StringList>(networks->second))
        return attached;
    for (const std::string &id : std::get<StringList>(networks->second)) {
        const auto network = boundaryIndex.find(id);
        if (network != boundaryIndex.end()
            && std::find(chain.begin(), chain.end(), network->second) == chain.end())
            attached.push_back(network->second);
    }
    std::sort(attached.begin(), attached.end());
    attached.erase(std::unique(attached.begin(), attached.end()), attached.end());
    return attached;
}

/** Everything drawn is reviewed unless its inScope says no. */
bool isInScope(const Element &element)
{
    const auto scope = element.properties.find("inScope");
    return scope == element.properties.end() || !std::holds_alternative<bool>(scope->second)
           || std::get<bool>(scope->second);
}

} // namespace

ModelIndex::ModelIndex(const ThreatModel &model, const Catalog &catalog)
    : catalog(&catalog)
{
    const auto &modelElements = model.elements();
    const auto &modelBoundaries = model.boundaries();
    const auto &modelFlows = model.flows();

    std::unordered_map<std::string_view, int> elementIndex;
    std::unordered_map<std::string_view, int> boundaryIndex;
    for (std::size_t i = 0; i < modelElements.size(); ++i)
        elementIndex.try_emplace(modelElements[i].id, static_cast<int>(i));
    for (std::size_t i = 0; i < modelBoundaries.size(); ++i)
        boundaryIndex.try_emplace(modelBoundaries[i].id, static_cast<int>(i));
    auto find = [](const auto &map, const std::string &id) {
        const auto it = map.find(id);
        return it == map.end() ? none : it->second;
    };
    std::unordered_map<const ElementKind *, int> kindPositions;
    for (std::size_t k = 0; k < catalog.elementKinds().size(); ++k)
        kindPositions.emplace(&catalog.elementKinds()[k], static_cast<int>(k));
    kindCounts.assign(catalog.elementKinds().size(), 0);
    const ElementKind *internet = catalog.findKind("internet");
    const std::vector<std::string> internetFacing = internetFacingOf(modelBoundaries);

    boundaries.resize(modelBoundaries.size());
    for (std::size_t i = 0; i < modelBoundaries.size(); ++i) {
        BoundaryInfo &info = boundaries[i];
        info.kind = catalog.findKind(modelBoundaries[i].kind);
        // Parent chain, cut at a cycle, a missing parent or the depth budget (validation
        // reports all three), so deep nesting costs no more than the deepest valid model.
        int parent = find(boundaryIndex, modelBoundaries[i].parent);
        while (parent != none && parent != static_cast<int>(i)
               && info.chain.size() + 1 < limits::maxBoundaryDepth
               && std::find(info.chain.begin(), info.chain.end(), parent) == info.chain.end()) {
            info.chain.push_back(parent);
            parent = find(boundaryIndex, modelBoundaries[static_cast<std::size_t>(parent)].parent);
        }
        if (info.kind && info.kind->isBoundary())
            ++kindCounts[static_cast<std::size_t>(kindPositions[info.kind])];
    }

    elements.resize(modelElements.size());
    for (std::size_t i = 0; i < modelElements.size(); ++i) {
        const Element &element = modelElements[i];
        ElementInfo &info = elements[i];
        info.kind = catalog.findKind(element.kind);
        if (info.kind && info.kind->isBoundary())
            info.kind = nullptr; // a boundary kind on an element: validation's problem
        info.inScope = isInScope(element);
        const int innermost = find(boundaryIndex, element.boundary);
        if (innermost != none) {
            info.chain.push_back(innermost);
            const auto &outer = boundaries[static_cast<std::size_t>(innermost)].chain;
            info.chain.insert(info.chain.end(), outer.begin(), outer.end());
        }
        if (info.kind)
            info.deployedAs = catalog.deployedKind(*info.kind, element.properties);
        info.attached = attachedNetworks(element, info.chain, boundaryIndex);
        if (info.kind && info.inScope)
            ++kindCounts[static_cast<std::size_t>(kindPositions[info.kind])];
        if (info.deployedAs && info.inScope)
            ++kindCounts[static_cast<std::size_t>(kindPositions[info.deployedAs])];
        for (auto &[property, assumed] : assumedDefaults(model, element))
            info.contextDefaults.emplace(std::move(property), std::move(assumed));
    }

    flows.resize(modelFlows.size());
    // Which boundaries hold the current flow's source and target, stamped with the flow's
    // index: a flow's crossings cost the length of its chains, not their product.
    std::vector<std::size_t> inSourceChain(modelBoundaries.size(), modelFlows.size());
    std::vector<std::size_t> inTargetChain(modelBoundaries.size(), modelFlows.size());
    for (std::size_t i = 0; i < modelFlows.size(); ++i) {
        const Flow &flow = modelFlows[i];
        FlowInfo &info = flows[i];
        info.source = find(elementIndex, flow.source);
        info.target = find(elementIndex, flow.target);
        if (info.source == none || info.target == none)
            continue;
        const auto &sourceChain = elements[static_cast<std::size_t>(info.source)].chain;
        const auto &targetChain = elements[static_cast<std::size_t>(info.target)].chain;
        for (const int b : sourceChain)
            inSourceChain[static_cast<std::size_t>(b)] = i;
        for (const int b : targetChain)
            inTargetChain[static_cast<std::size_t>(b)] = i;
        for (const int b : sourceChain) {
            if (inTargetChain[static_cast<std::size_t>(b)] != i)
                info.crossed.push_back(b);
        }
        for (const int b : targetChain) {
            if (inSourceChain[static_cast<std::size_t>(b)] != i)
                info.crossed.push_back(b);
        }
        info.crossesInternet = internet && flowCrossesKind(static_cast<int>(i), internet);
        const int flowIndex = static_cast<int>(i);
        auto link = [&](int from, int to) {
            elements[static_cast<std::size_t>(from)].outbound.push_back(flowIndex);
            elements[static_cast<std::size_t>(to)].inbound.push_back(flowIndex);
        };
        link(info.source, info.target);
        if (flow.bidirectional && info.source != info.target)
            link(info.target, info.source);
        // Exposure follows the connection, whichever way the data moves on it.
        const bool openedByTarget = flow.initiator == FlowInitiator::Target;
        info.opener = openedByTarget ? info.target : info.source;
        info.listener = openedByTarget ? info.source : info.target;
        ElementInfo &listener = elements[static_cast<std::size_t>(info.listener)];
        listener.accepted.push_back(flowIndex);
        info.openedFromInternet = info.crossesInternet && flowOpenedFrom(flowIndex, internet);
        noteInternetFacing(info, listener, internetFacing);
    }
}

void ModelIndex::noteInternetFacing(FlowInfo &info, ElementInfo &listener,
                                    const std::vector<std::string> &internetFacing)
{
    const auto &listenerChain = listener.chain;
    for (const int b : info.crossed) {
        // A crossed boundary holds one end; an internet-facing one must hold the listener.
        const std::string &facing = internetFacing[static_cast<std::size_t>(b)];
        if (facing.empty()
            || std::find(listenerChain.begin(), listenerChain.end(), b) == listenerChain.end())
            continue;
        info.openedFromInternet = info.openedFromInternet || facing == "yes";
        info.mayBeOpenedFromInternet = info.mayBeOpenedFromInternet || facing == "unknown";
    }
    info.mayBeOpenedFromInternet = info.mayBeOpenedFromInternet && !info.openedFromInternet;
    listener.reachableFromInternet = listener.reachableFromInternet || info.openedFromInternet;
    listener.mayBeReachableFromInternet = listener.mayBeReachableFromInternet
                                          || info.mayBeOpenedFromInternet;
}

int ModelIndex::kindIndex(const ElementKind *kind) const
{
    const auto &kinds = catalog->elementKinds();
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        if (&kinds[k] == kind)
            return static_cast<int>(k);
    }
    return none;
}

bool ModelIndex::flowOpenedFrom(int flow, const ElementKind *kind) const
{
    const FlowInfo &info = flows[static_cast<std::size_t>(flow)];
    if (info.opener == none)
        return false;
    const ElementInfo &opener = elements[static_cast<std::size_t>(info.opener)];
    if (opener.isKind(kind))
        return true;
    // A crossed boundary holds exactly one end: the opener's side when it is in its chain.
    return std::any_of(info.crossed.begin(), info.crossed.end(), [&](int b) {
        return boundaries[static_cast<std::size_t>(b)].kind == kind
               && std::find(opener.chain.begin(), opener.chain.end(), b) != opener.chain.end();
    });
}

bool ModelIndex::flowCrossesKind(int flow, const ElementKind *kind) const
{
    const auto &crossed = flows[static_cast<std::size_t>(flow)].crossed;
    return std::any_of(crossed.begin(), crossed.end(),
                       [&](int b) { return boundaries[static_cast<std::size_t>(b)].kind == kind; });
}

} // namespace bulkhead
