#include "importmodelbuilder.h"

#include <algorithm>
#include <utility>
#include <variant>
#include <vector>

namespace bulkhead {

namespace {

/** The non-empty lines of a note text. */
std::vector<std::string> noteLines(const std::string &text)
{
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (end > start)
            lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

} // namespace

std::string ImportModelBuilder::addFlow(const std::string &source, const std::string &target,
                                        const std::string &name, PropertyMap properties,
                                        FlowInitiator initiator)
{
    const auto protocolAt = properties.find("protocol");
    const auto portAt = properties.find("port");
    const std::string protocol = protocolAt != properties.end()
                                     ? std::get<std::string>(protocolAt->second)
                                     : std::string();
    const std::int64_t port = portAt != properties.end() ? std::get<std::int64_t>(portAt->second)
                                                         : 0;
    std::vector<std::string> lines;
    if (const auto notes = properties.find("notes"); notes != properties.end()) {
        lines = noteLines(std::get<std::string>(notes->second));
        properties.erase(notes);
    }
    const auto key = std::make_tuple(source, target, port, protocol);
    Flow *flow = nullptr;
    if (const auto it = m_flowIndex.find(key); it != m_flowIndex.end()) {
        flow = m_model->findFlow(it->second);
    } else {
        const std::string id = addSeparateFlow(source, target, name, std::move(properties),
                                               initiator);
        m_flowIndex.emplace(key, id);
        flow = m_model->findFlow(id);
    }
    FlowNotes &notes = m_flowNotes[flow->id];
    for (const std::string &line : lines) {
        if (!notes.seen.insert(line).second)
            continue;
        if (notes.listed < maxMergedNotes) {
            appendNote(flow->properties, line);
            ++notes.listed;
        } else {
            ++notes.omitted;
        }
    }
    return flow->id;
}

std::string ImportModelBuilder::addSeparateFlow(const std::string &source,
                                                const std::string &target, const std::string &name,
                                                PropertyMap properties, FlowInitiator initiator)
{
    Flow flow;
    flow.initiator = initiator;
    flow.id = m_ids.make(source + "-to-" + target);
    flow.name = name;
    flow.source = source;
    flow.target = target;
    flow.properties = std::move(properties);
    return m_model->addFlow(std::move(flow)).id;
}

void ImportModelBuilder::noteOmittedFlowNotes(const std::string &what)
{
    for (const auto &[id, notes] : m_flowNotes)
        if (notes.omitted > 0)
            appendNote(m_model->findFlow(id)->properties,
                       "And " + std::to_string(notes.omitted) + " more " + what + ", not listed.");
}

ImportModelBuilder::Size ImportModelBuilder::layOutBoundary(const std::string &boundaryId, double x,
                                                            double y)
{
    std::vector<std::string> members;
    for (const Element &e : m_model->elements())
        if (e.boundary == boundaryId)
            members.push_back(e.id);
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::size_t row = i / 3;
        const std::size_t column = i % 3;
        placeElement(members[i], x + padding + double(column) * (elementWidth + gap),
                     y + titleHeight + double(row) * (elementHeight + gap));
    }
    const std::size_t columns = std::min<std::size_t>(3, std::max<std::size_t>(1, members.size()));
    const std::size_t rows = std::max<std::size_t>(1, (members.size() + 2) / 3);
    const Size size{2 * padding + double(columns) * elementWidth + double(columns - 1) * gap,
                    titleHeight + padding + double(rows) * elementHeight + double(rows - 1) * gap};
    if (Boundary *boundary = m_model->findBoundary(boundaryId))
        boundary->geometry = Rect{x, y, size.width, size.height};
    return size;
}

void ImportModelBuilder::placeElement(const std::string &elementId, double x, double y)
{
    if (Element *element = m_model->findElement(elementId))
        element->geometry = Rect{x, y, elementWidth, elementHeight};
}

} // namespace bulkhead
