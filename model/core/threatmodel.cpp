#include "threatmodel.h"

#include "limits.h"

#include <algorithm>
#include <utility>

namespace bulkhead {

namespace {

template<typename T>
const T *lookup(const std::vector<T> &items,
                const std::unordered_map<std::string, std::size_t> &index, std::string_view id)
{
    // unordered_map<std::string> has no heterogeneous lookup in C++20 without a custom hash.
    const auto it = index.find(std::string(id));
    return it == index.end() ? nullptr : &items[it->second];
}

bool containsBoundary(const std::vector<const Boundary *> &chain, const Boundary *boundary)
{
    return std::find(chain.begin(), chain.end(), boundary) != chain.end();
}

} // namespace

template<typename T>
void ThreatModel::rebuildIndex(const std::vector<T> &items, Index &index)
{
    index.clear();
    for (std::size_t i = 0; i < items.size(); ++i)
        index.try_emplace(items[i].id, i);
}

template<typename T>
T &ThreatModel::append(std::vector<T> &items, Index &index, T item, std::string_view idPrefix)
{
    if (item.id.empty())
        item.id = generateId(idPrefix);
    index.try_emplace(item.id, items.size());
    items.push_back(std::move(item));
    return items.back();
}

template<typename T>
bool ThreatModel::removeById(std::vector<T> &items, Index &index, std::string_view id)
{
    const auto found = index.find(std::string(id));
    if (found == index.end())
        return false;
    const std::size_t position = found->second;
    if (position >= items.size() || items[position].id != id) {
        rebuildIndex(items, index); // an id changed behind the index's back; trust the items
        return removeById(items, index, id);
    }
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(position));
    if (position == items.size()) {
        // The last item: nothing moved, and no later item can share its id.
        index.erase(found);
    } else {
        // Later items moved, and a later holder of the same id may now be the first one.
        rebuildIndex(items, index);
    }
    return true;
}

template<typename T>
T &ThreatModel::insertAt(std::vector<T> &items, Index &index, std::size_t position, T item,
                         std::string_view idPrefix)
{
    if (item.id.empty())
        item.id = generateId(idPrefix);
    position = std::min(position, items.size());
    if (position < items.size()) {
        // Everything from `position` on moves one place up; undoing a removal in the middle
        // is rare, so a pass over the index (no rehashing) is cheap enough.
        for (auto &entry : index) {
            if (entry.second >= position)
                ++entry.second;
        }
    }
    // The inserted item becomes the first holder of its id unless an earlier item has it.
    const auto [entry, inserted] = index.try_emplace(item.id, position);
    if (!inserted && entry->second > position)
        entry->second = position;
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(position), std::move(item));
    return items[position];
}

Element &ThreatModel::insertElement(std::size_t position, Element element)
{
    const std::string prefix = element.kind.empty() ? std::string("element") : element.kind;
    return insertAt(m_elements, m_elementIndex, position, std::move(element), prefix);
}

Flow &ThreatModel::insertFlow(std::size_t position, Flow flow)
{
    return insertAt(m_flows, m_flowIndex, position, std::move(flow), "flow");
}

Boundary &ThreatModel::insertBoundary(std::size_t position, Boundary boundary)
{
    const std::string prefix = boundary.kind.empty() ? std::string("boundary") : boundary.kind;
    return insertAt(m_boundaries, m_boundaryIndex, position, std::move(boundary), prefix);
}

ManualThreat &ThreatModel::insertManualThreat(std::size_t position, ManualThreat threat)
{
    return insertAt(m_manualThreats, m_manualThreatIndex, position, std::move(threat), "manual");
}

int ThreatModel::elementPosition(std::string_view id) const
{
    const Element *e = findElement(id);
    return e ? static_cast<int>(e - m_elements.data()) : -1;
}

int ThreatModel::flowPosition(std::string_view id) const
{
    const Flow *f = findFlow(id);
    return f ? static_cast<int>(f - m_flows.data()) : -1;
}

int ThreatModel::boundaryPosition(std::string_view id) const
{
    const Boundary *b = findBoundary(id);
    return b ? static_cast<int>(b - m_boundaries.data()) : -1;
}

int ThreatModel::manualThreatPosition(std::string_view id) const
{
    const ManualThreat *t = findManualThreat(id);
    return t ? static_cast<int>(t - m_manualThreats.data()) : -1;
}

Element &ThreatModel::addElement(Element element)
{
    const std::string prefix = element.kind.empty() ? std::string("element") : element.kind;
    return append(m_elements, m_elementIndex, std::move(element), prefix);
}

Flow &ThreatModel::addFlow(Flow flow)
{
    return append(m_flows, m_flowIndex, std::move(flow), "flow");
}

Boundary &ThreatModel::addBoundary(Boundary boundary)
{
    const std::string prefix = boundary.kind.empty() ? std::string("boundary") : boundary.kind;
    return append(m_boundaries, m_boundaryIndex, std::move(boundary), prefix);
}

ManualThreat &ThreatModel::addManualThreat(ManualThreat threat)
{
    return append(m_manualThreats, m_manualThreatIndex, std::move(threat), "manual");
}

bool ThreatModel::removeElement(std::string_view id)
{
    return removeById(m_elements, m_elementIndex, id);
}

bool ThreatModel::removeFlow(std::string_view id)
{
    return removeById(m_flows, m_flowIndex, id);
}

bool ThreatModel::removeBoundary(std::string_view id)
{
    return removeById(m_boundaries, m_boundaryIndex, id);
}

bool ThreatModel::removeManualThreat(std::string_view id)
{
    return removeById(m_manualThreats, m_manualThreatIndex, id);
}

const Element *ThreatModel::findElement(std::string_view id) const
{
    return lookup(m_elements, m_elementIndex, id);
}

Element *ThreatModel::findElement(std::string_view id)
{
    return const_cast<Element *>(std::as_const(*this).findElement(id));
}

const Flow *ThreatModel::findFlow(std::string_view id) const
{
    return lookup(m_flows, m_flowIndex, id);
}

Flow *ThreatModel::findFlow(std::string_view id)
{
    return const_cast<Flow *>(std::as_const(*this).findFlow(id));
}

const Boundary *ThreatModel::findBoundary(std::string_view id) const
{
    return lookup(m_boundaries, m_boundaryIndex, id);
}

Boundary *ThreatModel::findBoundary(std::string_view id)
{
    return const_cast<Boundary *>(std::as_const(*this).findBoundary(id));
}

const ManualThreat *ThreatModel::findManualThreat(std::string_view id) const
{
    return lookup(m_manualThreats, m_manualThreatIndex, id);
}

bool ThreatModel::containsId(std::string_view id) const
{
    return findElement(id) || findFlow(id) || findBoundary(id) || findManualThreat(id);
}

std::string ThreatModel::generateId(std::string_view prefix) const
{
    const std::size_t total = m_elements.size() + m_flows.size() + m_boundaries.size()
                              + m_manualThreats.size();
    for (std::size_t n = total + 1;; ++n) {
        std::string candidate = std::string(prefix) + "-" + std::to_string(n);
        if (!containsId(candidate))
            return candidate;
    }
}

std::vector<const Boundary *> ThreatModel::enclosingBoundaries(const Boundary &boundary) const
{
    // The chain stops at the depth budget, so a deeper (invalid) model costs no more to walk
    // than the deepest valid one; each step's look-back is then bounded too.
    std::vector<const Boundary *> chain;
    const Boundary *current = findBoundary(boundary.parent);
    while (current && current != &boundary && !containsBoundary(chain, current)
           && chain.size() + 1 < limits::maxBoundaryDepth) {
        chain.push_back(current);
        current = findBoundary(current->parent);
    }
    return chain;
}

std::vector<const Boundary *> ThreatModel::boundaryChain(const Element &element) const
{
    std::vector<const Boundary *> chain;
    const Boundary *current = findBoundary(element.boundary);
    while (current && !containsBoundary(chain, current)
           && chain.size() < limits::maxBoundaryDepth) {
        chain.push_back(current);
        current = findBoundary(current->parent);
    }
    return chain;
}

std::vector<const Boundary *> ThreatModel::boundariesCrossed(const Flow &flow) const
{
    const Element *source = findElement(flow.source);
    const Element *target = findElement(flow.target);
    const auto sourceChain = source ? boundaryChain(*source) : std::vector<const Boundary *>{};
    const auto targetChain = target ? boundaryChain(*target) : std::vector<const Boundary *>{};
    std::vector<const Boundary *> crossed;
    for (const Boundary *b : sourceChain) {
        if (!containsBoundary(targetChain, b))
            crossed.push_back(b);
    }
    for (const Boundary *b : targetChain) {
        if (!containsBoundary(sourceChain, b))
            crossed.push_back(b);
    }
    return crossed;
}

std::vector<const Flow *> ThreatModel::flowsInto(std::string_view elementId) const
{
    std::vector<const Flow *> result;
    for (const Flow &flow : m_flows) {
        if (flow.target == elementId || (flow.bidirectional && flow.source == elementId))
            result.push_back(&flow);
    }
    return result;
}

std::vector<const Flow *> ThreatModel::flowsOutOf(std::string_view elementId) const
{
    std::vector<const Flow *> result;
    for (const Flow &flow : m_flows) {
        if (flow.source == elementId || (flow.bidirectional && flow.target == elementId))
            result.push_back(&flow);
    }
    return result;
}

const RegisterEntry *ThreatModel::findRegisterEntry(std::string_view threatId) const
{
    const auto it = std::find_if(
        m_register.begin(), m_register.end(),
        [threatId](const RegisterEntry &e) { return e.threat == threatId; });
    return it == m_register.end() ? nullptr : &*it;
}

void ThreatModel::setRegisterEntry(RegisterEntry entry)
{
    const auto it = std::find_if(
        m_register.begin(), m_register.end(),
        [&entry](const RegisterEntry &e) { return e.threat == entry.threat; });
    if (it != m_register.end())
        *it = std::move(entry);
    else
        m_register.push_back(std::move(entry));
}

bool ThreatModel::removeRegisterEntry(std::string_view threatId)
{
    const auto it = std::find_if(
        m_register.begin(), m_register.end(),
        [threatId](const RegisterEntry &e) { return e.threat == threatId; });
    if (it == m_register.end())
        return false;
    m_register.erase(it);
    return true;
}

} // namespace bulkhead
