#include "changepropertycommand.h"

#include "document.h"

namespace bulkhead {

ChangePropertyCommand::ChangePropertyCommand(Document *document, const QStringList &ids,
                                             std::string property,
                                             std::optional<PropertyValue> value,
                                             QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_ids(ids)
    , m_property(std::move(property))
    , m_value(std::move(value))
{
    for (const QString &id : m_ids)
        m_oldValues.push_back(document->property(id, m_property));
    const QString name = QString::fromStdString(m_property);
    setText(m_value ? QObject::tr("Set %1").arg(name) : QObject::tr("Reset %1").arg(name));
}

void ChangePropertyCommand::redo()
{
    for (const QString &id : m_ids)
        m_document->setProperty(id, m_property, m_value);
}

void ChangePropertyCommand::undo()
{
    for (int i = 0; i < m_ids.size(); ++i)
        m_document->setProperty(m_ids[i], m_property, m_oldValues[static_cast<std::size_t>(i)]);
}

} // namespace bulkhead
