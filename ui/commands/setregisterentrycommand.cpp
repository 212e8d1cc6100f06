#include "setregisterentrycommand.h"

#include "document.h"

namespace bulkhead {

SetRegisterEntryCommand::SetRegisterEntryCommand(Document *document, RegisterEntry entry,
                                                 const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_entry(std::move(entry))
{
    if (const RegisterEntry *existing = document->model().findRegisterEntry(m_entry.threat))
        m_previous = *existing;
}

void SetRegisterEntryCommand::redo()
{
    m_document->setRegisterEntry(m_entry);
}

void SetRegisterEntryCommand::undo()
{
    if (m_previous)
        m_document->setRegisterEntry(*m_previous);
    else
        m_document->removeRegisterEntry(QString::fromStdString(m_entry.threat));
}

RemoveRegisterEntriesCommand::RemoveRegisterEntriesCommand(Document *document,
                                                           const QStringList &threatIds,
                                                           QUndoCommand *parent)
    : QUndoCommand(QObject::tr("Delete %n register entries", nullptr, int(threatIds.size())), parent)
    , m_document(document)
{
    for (const QString &id : threatIds) {
        if (const RegisterEntry *entry = document->model().findRegisterEntry(id.toStdString()))
            m_removed.push_back(*entry);
    }
}

void RemoveRegisterEntriesCommand::redo()
{
    for (const RegisterEntry &entry : m_removed)
        m_document->removeRegisterEntry(QString::fromStdString(entry.threat));
}

void RemoveRegisterEntriesCommand::undo()
{
    for (const RegisterEntry &entry : m_removed)
        m_document->setRegisterEntry(entry);
}

} // namespace bulkhead
