#include "document.h"

#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "core/itemref.h"
#include "core/modellimits.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"

#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>

namespace bulkhead {

namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

ItemType itemType(ItemKind kind)
{
    static_assert(int(ItemType::Element) == int(ItemKind::Element)
                  && int(ItemType::Boundary) == int(ItemKind::Boundary)
                  && int(ItemType::Flow) == int(ItemKind::Flow));
    return static_cast<ItemType>(kind);
}

} // namespace

Document::Document(const Catalog &catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(&catalog)
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this] { Q_EMIT modifiedChanged(isModified()); });
    revalidate();
}

Document::~Document() = default;

QString Document::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool Document::isModified() const
{
    return m_modifiedWithoutEdit || !m_undoStack->isClean();
}

ItemType Document::typeOf(const QString &id) const
{
    return itemType(findItem(m_model, str(id)).kind());
}

bool Document::load(const QString &path, QString *errorMessage)
{
    auto loaded = readModelFile(str(path));
    if (!loaded) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(loaded.error());
        return false;
    }
    m_model = std::move(loaded->model);
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_undoStack->clear();
    // A migrated file is not yet in the current format on disk: saving it is a change.
    m_modifiedWithoutEdit = !loaded->migrationNotes.empty();
    revalidate();
    Q_EMIT replaced();
    Q_EMIT modelReset();
    Q_EMIT filePathChanged(m_filePath);
    Q_EMIT modifiedChanged(isModified());
    return true;
}

bool Document::loadText(const QByteArray &text, const QString &sourceName, const QString &filePath,
                        bool modified, QString *errorMessage)
{
    auto loaded = readModelText(std::string_view(text.constData(), std::size_t(text.size())),
                                str(sourceName));
    if (!loaded) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(loaded.error());
        return false;
    }
    return loadModel(std::move(loaded->model), filePath,
                     modified || !loaded->migrationNotes.empty(), errorMessage);
}

bool Document::loadModel(ThreatModel model, const QString &filePath, bool modified,
                         QString *errorMessage)
{
    // Qt's integer device coordinates overflow far out, which crashed the view while it
    // scrolled; the canvas never gets a model it cannot draw.
    if (const std::string outside = firstOutOfRangeGeometry(model); !outside.empty()) {
        if (errorMessage) {
            *errorMessage =
                tr("%1 lies outside the drawing area (coordinates and sizes within ±%2)")
                    .arg(QString::fromStdString(outside),
                         QString::fromStdString(groupedNumber(std::size_t(limits::maxCoordinate))));
        }
        return false;
    }
    m_model = std::move(model);
    m_filePath = filePath;
    m_undoStack->clear();
    m_modifiedWithoutEdit = modified;
    revalidate();
    Q_EMIT replaced();
    Q_EMIT modelReset();
    Q_EMIT filePathChanged(m_filePath);
    Q_EMIT modifiedChanged(isModified());
    return true;
}

bool Document::save(const QString &path, QString *errorMessage)
{
    if (const Status saved = writeModelFile(m_model, str(path)); !saved) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(saved.error());
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool renamed = absolute != m_filePath;
    m_filePath = absolute;
    m_modifiedWithoutEdit = false;
    m_undoStack->setClean();
    if (renamed)
        Q_EMIT filePathChanged(m_filePath);
    Q_EMIT modifiedChanged(isModified());
    return true;
}

void Document::clear()
{
    m_model = ThreatModel();
    m_filePath.clear();
    m_undoStack->clear();
    m_modifiedWithoutEdit = false;
    revalidate();
    Q_EMIT replaced();
    Q_EMIT modelReset();
    Q_EMIT filePathChanged(m_filePath);
    Q_EMIT modifiedChanged(isModified());
}

void Document::insertElement(int position, const Element &element)
{
    m_model.insertElement(static_cast<std::size_t>(std::max(0, position)), element);
    Q_EMIT itemAdded(QString::fromStdString(element.id), ItemType::Element);
    afterChange();
}

void Document::insertBoundary(int position, const Boundary &boundary)
{
    m_model.insertBoundary(static_cast<std::size_t>(std::max(0, position)), boundary);
    Q_EMIT itemAdded(QString::fromStdString(boundary.id), ItemType::Boundary);
    afterChange();
}

void Document::insertFlow(int position, const Flow &flow)
{
    m_model.insertFlow(static_cast<std::size_t>(std::max(0, position)), flow);
    Q_EMIT itemAdded(QString::fromStdString(flow.id), ItemType::Flow);
    afterChange();
}

void Document::removeElement(const QString &id)
{
    if (m_model.removeElement(str(id))) {
        Q_EMIT itemRemoved(id, ItemType::Element);
        afterChange();
    }
}

void Document::removeBoundary(const QString &id)
{
    if (m_model.removeBoundary(str(id))) {
        Q_EMIT itemRemoved(id, ItemType::Boundary);
        afterChange();
    }
}

void Document::removeFlow(const QString &id)
{
    if (m_model.removeFlow(str(id))) {
        Q_EMIT itemRemoved(id, ItemType::Flow);
        afterChange();
    }
}

void Document::setGeometry(const QString &id, const Rect &geometry)
{
    const MutableItemRef item = findItem(m_model, str(id));
    if (Element *e = item.element())
        e->geometry = geometry;
    else if (Boundary *b = item.boundary())
        b->geometry = geometry;
    else
        return;
    Q_EMIT itemChanged(id, itemType(item.kind()), ItemChange::Geometry);
    afterChange();
}

void Document::setContainer(const QString &id, const QString &boundaryId)
{
    const MutableItemRef item = findItem(m_model, str(id));
    if (Element *e = item.element())
        e->boundary = str(boundaryId);
    else if (Boundary *b = item.boundary())
        b->parent = str(boundaryId);
    else
        return;
    Q_EMIT itemChanged(id, itemType(item.kind()), ItemChange::Container);
    afterChange();
}

void Document::setName(const QString &id, const QString &name)
{
    const MutableItemRef item = findItem(m_model, str(id));
    if (!item)
        return;
    item.name() = str(name);
    Q_EMIT itemChanged(id, itemType(item.kind()), ItemChange::Name);
    afterChange();
}

void Document::setKind(const QString &id, const std::string &kind)
{
    Element *element = m_model.findElement(str(id));
    if (!element)
        return;
    element->kind = kind;
    Q_EMIT itemChanged(id, ItemType::Element, ItemChange::Properties);
    afterChange();
}

std::optional<PropertyValue> Document::property(const QString &id, const std::string &name) const
{
    const ItemRef item = findItem(m_model, str(id));
    if (!item)
        return std::nullopt;
    const auto it = item.properties().find(name);
    return it == item.properties().end() ? std::nullopt : std::optional<PropertyValue>(it->second);
}

void Document::setProperty(const QString &id, const std::string &name,
                           const std::optional<PropertyValue> &value)
{
    const MutableItemRef item = findItem(m_model, str(id));
    if (!item)
        return;
    if (value)
        item.properties()[name] = *value;
    else
        item.properties().erase(name);
    Q_EMIT itemChanged(id, itemType(item.kind()), ItemChange::Properties);
    afterChange();
}

void Document::setFlowBidirectional(const QString &id, bool bidirectional)
{
    if (Flow *f = m_model.findFlow(str(id))) {
        f->bidirectional = bidirectional;
        Q_EMIT itemChanged(id, ItemType::Flow, ItemChange::Direction);
        afterChange();
    }
}

void Document::setFlowInitiator(const QString &id, FlowInitiator initiator)
{
    if (Flow *f = m_model.findFlow(str(id))) {
        f->initiator = initiator;
        Q_EMIT itemChanged(id, ItemType::Flow, ItemChange::Direction);
        afterChange();
    }
}

void Document::resetModel(const ThreatModel &model)
{
    m_model = model;
    Q_EMIT modelReset();
    Q_EMIT registerChanged();
    afterChange();
}

void Document::setMetadata(const ModelMetadata &metadata)
{
    m_model.metadata() = metadata;
    Q_EMIT metadataChanged();
    afterChange();
}

void Document::setRegisterEntry(const RegisterEntry &entry)
{
    m_model.setRegisterEntry(entry);
    Q_EMIT registerChanged();
    afterChange();
}

void Document::removeRegisterEntry(const QString &threatId)
{
    if (m_model.removeRegisterEntry(threatId.toStdString())) {
        Q_EMIT registerChanged();
        afterChange();
    }
}

void Document::insertManualThreat(int position, const ManualThreat &threat)
{
    m_model.insertManualThreat(std::size_t(std::max(position, 0)), threat);
    Q_EMIT registerChanged();
    afterChange();
}

void Document::removeManualThreat(const QString &id)
{
    if (m_model.removeManualThreat(id.toStdString())) {
        Q_EMIT registerChanged();
        afterChange();
    }
}

void Document::setCatalog(std::unique_ptr<Catalog> catalog)
{
    // The old catalog must outlive the views' reaction: threats and items point into it.
    std::unique_ptr<Catalog> previous = std::move(m_ownedCatalog);
    m_ownedCatalog = std::move(catalog);
    m_catalog = m_ownedCatalog.get();
    revalidate();
    Q_EMIT modelReset();
}

void Document::afterChange()
{
    revalidate();
    Q_EMIT changed();
}

void Document::revalidate()
{
    // A command may change many items; validating once when someone asks is enough.
    m_diagnosticsStale = true;
}

const std::vector<Diagnostic> &Document::diagnostics() const
{
    if (m_diagnosticsStale) {
        m_diagnostics = validateModel(m_model, *m_catalog);
        m_diagnosticsStale = false;
    }
    return m_diagnostics;
}

} // namespace bulkhead
