#pragma once

// Private to the analysis: the model's relations resolved once into indices, so rules can be
// evaluated for every element and flow without searching the model.

#include <cstddef>
#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct ElementKind;

struct ModelIndex
{
    static constexpr int none = -1;

    struct ElementInfo
    {
        const ElementKind *kind = nullptr;
        bool inScope = true;
        /** Enclosing boundaries, innermost first. */
        std::vector<int> chain;
        std::vector<int> inbound;
        std::vector<int> outbound;
        bool reachableFromInternet = false;
    };
    struct BoundaryInfo
    {
        const ElementKind *kind = nullptr;
        std::vector<int> chain; ///< enclosing boundaries, parent first
    };
    struct FlowInfo
    {
        int source = none;
        int target = none;
        std::vector<int> crossed;
        bool crossesInternet = false;
    };

    std::vector<ElementInfo> elements;
    std::vector<BoundaryInfo> boundaries;
    std::vector<FlowInfo> flows;
    /** Counts of in-scope elements and boundaries per kind, indexed like Catalog::elementKinds. */
    std::vector<int> kindCounts;
    const Catalog *catalog = nullptr;

    ModelIndex(const ThreatModel &model, const Catalog &catalog);

    int kindIndex(const ElementKind *kind) const;
    bool flowCrossesKind(int flow, const ElementKind *kind) const;
};

} // namespace bulkhead
