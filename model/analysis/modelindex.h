#pragma once

// Private to the analysis: the model's relations resolved once into indices, so rules can be
// evaluated for every element and flow without searching the model.

#include "core/contextdefaults.h"

#include <cstddef>
#include <map>
#include <string>
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
        /** The kind it is deployed as besides its own (a database in a container), or null. */
        const ElementKind *deployedAs = nullptr;
        bool inScope = true;
        /** Enclosing boundaries, innermost first. */
        std::vector<int> chain;
        /** Boundaries its `networks` property lists beyond those of `chain`, sorted: it is on
         *  them too. */
        std::vector<int> attached;
        /** Flows carrying data into / out of the element (a bidirectional flow counts both). */
        std::vector<int> inbound;
        std::vector<int> outbound;
        /** Flows whose connection the element accepts: the other end opens it. */
        std::vector<int> accepted;
        /** Whether it accepts a connection opened from the internet (see FlowInfo). */
        bool reachableFromInternet = false;
        /** Whether it accepts one that may come from the internet, nobody having said. */
        bool mayBeReachableFromInternet = false;

        /** Whether it is of `k`: its own kind, or the kind it is deployed as. */
        bool isKind(const ElementKind *k) const { return k && (kind == k || deployedAs == k); }
        /** Defaults its boundaries decide (core/contextdefaults.h), before the kind's own. */
        std::map<std::string, ContextDefault, std::less<>> contextDefaults;
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
        /** The end that opens the connection, and the end that accepts it. */
        int opener = none;
        int listener = none;
        std::vector<int> crossed;
        bool crossesInternet = false;
        /**
         * Whether the connection comes from the internet: from inside an internet boundary, or
         * from outside a host whose `internetFacing` is yes into it. Its `internetFacing` unknown
         * makes that a question (mayBeOpenedFromInternet): a port published on every interface
         * of a Docker host nobody described.
         */
        bool openedFromInternet = false;
        bool mayBeOpenedFromInternet = false;
    };

    std::vector<ElementInfo> elements;
    std::vector<BoundaryInfo> boundaries;
    std::vector<FlowInfo> flows;
    /**
     * Counts of in-scope elements and boundaries per kind (an element deployed as another
     * kind counts for both), indexed like Catalog::elementKinds. */
    std::vector<int> kindCounts;
    const Catalog *catalog = nullptr;

    ModelIndex(const ThreatModel &model, const Catalog &catalog);

    int kindIndex(const ElementKind *kind) const;
    bool flowCrossesKind(int flow, const ElementKind *kind) const;
    /**
     * Whether the flow's connection comes from `kind`'s side: its opener is of that kind, or
     * (for a boundary kind) a crossed boundary of that kind holds the opener.
     */
    bool flowOpenedFrom(int flow, const ElementKind *kind) const;

private:
    /** What the internetFacing of the boundaries a flow crosses makes of its listener. */
    static void noteInternetFacing(FlowInfo &info, ElementInfo &listener,
                                   const std::vector<std::string> &internetFacing);
};

} // namespace bulkhead
