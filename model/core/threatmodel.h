#pragma once

#include "boundary.h"
#include "element.h"
#include "flow.h"
#include "importrecord.h"
#include "manualthreat.h"
#include "registerentry.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bulkhead {

struct ModelMetadata
{
    std::string title;
    std::string description;
    std::string owner;
    std::vector<std::string> reviewers;
    /** Which revision of the model this is, in the owner's words: "1.2", "2026-03 review". */
    std::string version;
    friend bool operator==(const ModelMetadata &, const ModelMetadata &) = default;
};

/** What every report calls a model without a title. */
inline constexpr std::string_view untitledModelTitle = "Untitled threat model";

/** The title reports show: the model's own, else untitledModelTitle. */
inline std::string shownTitle(const ModelMetadata &metadata)
{
    return metadata.title.empty() ? std::string(untitledModelTitle) : metadata.title;
}

/**
 * The threat-model document: a data-flow diagram (elements, flows, nested boundaries) plus
 * the reviewers' threat register and manual threats.
 *
 * It holds what the file says, including invalid states (duplicate or dangling ids), so that
 * validation can report them instead of the loader refusing the whole file. Elements, flows,
 * boundaries and manual threats share one id space. Lookups by id return the first holder of
 * an id; ids must not be changed through the mutable accessors.
 */
class ThreatModel
{
public:
    ModelMetadata &metadata() { return m_metadata; }
    const ModelMetadata &metadata() const { return m_metadata; }

    /** The files and importer the model came from; empty for a model drawn by hand. */
    ImportRecord &importRecord() { return m_importRecord; }
    const ImportRecord &importRecord() const { return m_importRecord; }

    const std::vector<Element> &elements() const { return m_elements; }
    const std::vector<Flow> &flows() const { return m_flows; }
    const std::vector<Boundary> &boundaries() const { return m_boundaries; }
    const std::vector<RegisterEntry> &registerEntries() const { return m_register; }
    const std::vector<ManualThreat> &manualThreats() const { return m_manualThreats; }

    /** Adds in order; an empty id is replaced by a fresh one. Returns the stored object. */
    Element &addElement(Element element);
    Flow &addFlow(Flow flow);
    Boundary &addBoundary(Boundary boundary);
    ManualThreat &addManualThreat(ManualThreat threat);

    /**
     * Inserts at a position (clamped to the end), for undoing a removal in place. At the end
     * this costs what add* costs; in the middle, one pass over the index.
     */
    Element &insertElement(std::size_t position, Element element);
    Flow &insertFlow(std::size_t position, Flow flow);
    Boundary &insertBoundary(std::size_t position, Boundary boundary);
    ManualThreat &insertManualThreat(std::size_t position, ManualThreat threat);

    /** Position of the first object with this id, or -1. */
    int elementPosition(std::string_view id) const;
    int flowPosition(std::string_view id) const;
    int boundaryPosition(std::string_view id) const;
    int manualThreatPosition(std::string_view id) const;

    /** Removes the first object with this id; returns false when there is none. */
    bool removeElement(std::string_view id);
    bool removeFlow(std::string_view id);
    bool removeBoundary(std::string_view id);
    bool removeManualThreat(std::string_view id);

    const Element *findElement(std::string_view id) const;
    Element *findElement(std::string_view id);
    const Flow *findFlow(std::string_view id) const;
    Flow *findFlow(std::string_view id);
    const Boundary *findBoundary(std::string_view id) const;
    Boundary *findBoundary(std::string_view id);
    const ManualThreat *findManualThreat(std::string_view id) const;

    /** True when any element, flow, boundary or manual threat has this id. */
    bool containsId(std::string_view id) const;

    /** A fresh id "prefix-N" not used by anything in the model (smallest N from the count up). */
    std::string generateId(std::string_view prefix) const;

    /**
     * The boundaries around an element, innermost first. Stops at a missing parent, on a
     * parent cycle, or after limits::maxBoundaryDepth boundaries (validation reports deeper
     * nesting), so a broken model still gives an answer at a bounded cost.
     */
    std::vector<const Boundary *> boundaryChain(const Element &element) const;
    /**
     * The boundaries around a boundary (its parent first), excluding itself; at most
     * limits::maxBoundaryDepth - 1 of them, as for boundaryChain.
     */
    std::vector<const Boundary *> enclosingBoundaries(const Boundary &boundary) const;

    /** The boundaries that contain exactly one end of the flow: source side first. */
    std::vector<const Boundary *> boundariesCrossed(const Flow &flow) const;

    /** Flows that carry data into / out of the element; a bidirectional flow counts both ways. */
    std::vector<const Flow *> flowsInto(std::string_view elementId) const;
    std::vector<const Flow *> flowsOutOf(std::string_view elementId) const;

    const RegisterEntry *findRegisterEntry(std::string_view threatId) const;
    /** Inserts or replaces the entry for entry.threat. */
    void setRegisterEntry(RegisterEntry entry);
    /** Appends as read from a file, keeping duplicates for validation to report. */
    void appendRegisterEntry(RegisterEntry entry) { m_register.push_back(std::move(entry)); }
    bool removeRegisterEntry(std::string_view threatId);

    friend bool operator==(const ThreatModel &a, const ThreatModel &b)
    {
        return a.m_metadata == b.m_metadata && a.m_elements == b.m_elements
               && a.m_flows == b.m_flows && a.m_boundaries == b.m_boundaries
               && a.m_register == b.m_register && a.m_manualThreats == b.m_manualThreats
               && a.m_importRecord == b.m_importRecord;
    }

private:
    using Index = std::unordered_map<std::string, std::size_t>;
    template<typename T>
    static void rebuildIndex(const std::vector<T> &items, Index &index);
    template<typename T>
    T &append(std::vector<T> &items, Index &index, T item, std::string_view idPrefix);
    template<typename T>
    bool removeById(std::vector<T> &items, Index &index, std::string_view id);
    template<typename T>
    T &insertAt(std::vector<T> &items, Index &index, std::size_t position, T item,
                std::string_view idPrefix);

    ModelMetadata m_metadata;
    std::vector<Element> m_elements;
    std::vector<Flow> m_flows;
    std::vector<Boundary> m_boundaries;
    std::vector<RegisterEntry> m_register;
    std::vector<ManualThreat> m_manualThreats;
    ImportRecord m_importRecord;
    Index m_elementIndex;
    Index m_flowIndex;
    Index m_boundaryIndex;
    Index m_manualThreatIndex;
};

} // namespace bulkhead
