#pragma once

#include "core/propertyvalue.h"
#include "core/threatmodel.h"
#include "import/importsupport.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

namespace bulkhead {

/**
 * What every importer does while it fills a model: unique ids, elements and boundaries in the
 * order they are made, flows (merged when the same flow comes twice), and a plain grid layout
 * for when the automatic one is not available. The model must outlive the builder.
 */
class ImportModelBuilder
{
public:
    /** Sizes of the fallback grid: elements in rows of three inside their boundary's frame. */
    static constexpr double elementWidth = 150;
    static constexpr double elementHeight = 70;
    static constexpr double gap = 40;
    static constexpr double padding = 30;
    static constexpr double titleHeight = 30;
    /** Note lines a merged flow lists; the others are counted (see noteOmittedFlowNotes). */
    static constexpr std::size_t maxMergedNotes = 20;

    explicit ImportModelBuilder(ThreatModel &model)
        : m_model(&model)
    {}

    ThreatModel &model() { return *m_model; }

    /** A new id from a name: lower-case, [a-z0-9-], unique among the ids this builder made. */
    std::string makeId(std::string_view name) { return m_ids.make(name); }

    Element &addElement(Element element) { return m_model->addElement(std::move(element)); }
    Boundary &addBoundary(Boundary boundary) { return m_model->addBoundary(std::move(boundary)); }

    /**
     * A flow from `source` to `target`; its id is made from both ends. When this method added a
     * flow with the same ends, "port" and "protocol" before, that flow is kept (its name and other
     * properties too) and only gains the note lines it does not have yet. Notes are added line by
     * line, each once; past maxMergedNotes lines they are counted, not listed. Returns the id.
     * `initiator` says which end opens the connection (a new flow only).
     */
    std::string addFlow(const std::string &source, const std::string &target,
                        const std::string &name, PropertyMap properties,
                        FlowInitiator initiator = FlowInitiator::Source);

    /** A new flow even when one with the same ends exists: one per mount, secret or port. */
    std::string addSeparateFlow(const std::string &source, const std::string &target,
                                const std::string &name, PropertyMap properties,
                                FlowInitiator initiator = FlowInitiator::Source);

    /**
     * Adds "And N more WHAT, not listed." to each merged flow whose notes went past
     * maxMergedNotes, where WHAT says what the notes were about. Call once, after the flows.
     */
    void noteOmittedFlowNotes(const std::string &what);

    /** Width and height of a laid-out frame. */
    struct Size
    {
        double width = 0;
        double height = 0;
    };

    /**
     * The fallback grid for one boundary: its elements (those whose boundary is `boundaryId`, in
     * model order) in rows of three below a title strip, the boundary's frame at (x, y) around
     * them. An empty boundary gets the frame of one element. Returns the frame's size.
     */
    Size layOutBoundary(const std::string &boundaryId, double x, double y);

    /** An element alone at (x, y), in the grid's element size. */
    void placeElement(const std::string &elementId, double x, double y);

private:
    ThreatModel *m_model;
    IdAllocator m_ids;
    /** Flows added through addFlow by source, target, port and protocol. */
    using FlowKey = std::tuple<std::string, std::string, std::int64_t, std::string>;
    std::map<FlowKey, std::string> m_flowIndex;
    /** The note lines of each merged flow, to add each once; those over the limit are counted. */
    struct FlowNotes
    {
        std::set<std::string> seen;
        std::size_t listed = 0;
        std::size_t omitted = 0;
    };
    std::map<std::string, FlowNotes> m_flowNotes;
};

} // namespace bulkhead
