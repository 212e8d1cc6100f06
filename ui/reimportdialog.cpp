#include "reimportdialog.h"

#include "commands/reimportcommand.h"
#include "document.h"
#include "usecases/deploymentupdate.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QString marker(ReimportChange::Kind kind)
{
    switch (kind) {
    case ReimportChange::Kind::Added:
        return QStringLiteral("+");
    case ReimportChange::Kind::Disappeared:
    case ReimportChange::Kind::Removed:
        return QStringLiteral("-");
    case ReimportChange::Kind::Overridden:
        return QStringLiteral("~");
    }
    return QString();
}

} // namespace

ReimportDialog::ReimportDialog(ThreatModel existing, ThreatModel imported, QWidget *parent)
    : QDialog(parent)
    , m_existing(std::move(existing))
    , m_imported(std::move(imported))
{
    setWindowTitle(tr("Update from Deployment Files"));
    resize(760, 480);
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(tr("Positions, boundaries, decisions, manual threats, items drawn "
                                  "by hand and values set by hand are kept."),
                               this);
    heading->setWordWrap(true);
    layout->addWidget(heading);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("reimportDrift"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({QString(), tr("Item"), tr("What happens")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_list->header()->resizeSection(1, 320);
    layout->addWidget(m_list, 1);
    m_prune = new QCheckBox(tr("&Remove what disappeared"), this);
    m_prune->setToolTip(tr("Delete the items the deployment files no longer have, with the "
                           "flows that end on them"));
    layout->addWidget(m_prune);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_prune, &QCheckBox::toggled, this, &ReimportDialog::merge);
    merge();
}

void ReimportDialog::merge()
{
    ReimportOptions options;
    options.prune = m_prune->isChecked();
    m_result = reimportInto(m_existing, m_imported, options);
    m_list->clear();
    m_list->addTopLevelItem(new QTreeWidgetItem(
        QStringList{QStringLiteral("="),
                    tr("%n item(s) kept", nullptr, static_cast<int>(m_result.report.kept.size())),
                    tr("%n imported value(s) updated", nullptr,
                       static_cast<int>(m_result.report.updatedValues))}));
    for (const ReimportChange &change : m_result.report.changes) {
        auto *item = new QTreeWidgetItem(m_list,
                                         {marker(change.kind), QString::fromStdString(change.item),
                                          QString::fromStdString(change.text)});
        item->setToolTip(1, item->text(1));
        item->setToolTip(2, item->text(2));
    }
}

void updateFromDeploymentFiles(QWidget *parent, Document *document, LayoutEngine &layoutEngine)
{
    const QString title = ReimportDialog::tr("Update from Deployment Files");
    DeploymentSource source = rememberedDeploymentSource(document->model());
    QStringList files = rememberedDeploymentFiles(document->model(), document->filePath());
    if (files.isEmpty()) {
        const QStringList kinds{ReimportDialog::tr("Docker Compose"),
                                ReimportDialog::tr("Kubernetes")};
        bool chosen = false;
        const QString kind = QInputDialog::getItem(
            parent, title,
            ReimportDialog::tr("The model does not say which files it came from. "
                               "Deployment files of:"),
            kinds, 0, false, &chosen);
        if (!chosen)
            return;
        source = kind == kinds.front() ? DeploymentSource::Compose : DeploymentSource::Kubernetes;
        files = QFileDialog::getOpenFileNames(
            parent, title, QString(),
            ReimportDialog::tr("Deployment files (*.yml *.yaml *.json);;All files (*)"));
        if (source == DeploymentSource::Compose)
            files = composeMergeOrder(files);
        if (files.isEmpty())
            return;
    }
    Result<ImportResult> imported = importForUpdate(source, files, document->filePath(),
                                                    document->catalog(), layoutEngine);
    if (!imported) {
        QMessageBox::critical(parent, title, QString::fromStdString(imported.error()));
        return;
    }
    ReimportDialog dialog(document->model(), std::move(imported->model), parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    document->undoStack()->push(new ReimportCommand(document, dialog.result().model));
}

} // namespace bulkhead
