<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>About</name>
    <message>
        <source>SQLite {version} is affected by the WAL-reset bug (versions {range}), which can damage the database when two programs write to it at the same moment. No build of {app} with a newer SQLite exists for this computer: keep one program writing at a time, and keep the automatic backups on.</source>
        <translation>SQLite {version} est touché par le bogue « WAL-reset » (versions {range}), qui peut endommager la base quand deux programmes y écrivent au même moment. Il n&apos;existe pas de version de {app} avec un SQLite plus récent pour cet ordinateur : ne laissez qu&apos;un programme écrire à la fois, et gardez les sauvegardes automatiques.</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {app}</source>
        <translation>À propos de {app}</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>Third-party licences</source>
        <translation>Licences tierces</translation>
    </message>
    <message>
        <source>installed build</source>
        <translation>version installée</translation>
    </message>
    <message>
        <source>source install</source>
        <translation>installation depuis les sources</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>in memory</source>
        <translation>en mémoire</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Consultation assistant for hand rejuvenation: autologous fat transfer to the hands and hand mesotherapy. Works offline; all records stay in one local file.</source>
        <translation>Assistant de consultation pour le rajeunissement des mains : lipofilling autologue des mains et mésothérapie des mains. Fonctionne hors ligne ; tous les dossiers restent dans un seul fichier local.</translation>
    </message>
    <message>
        <source>Proprietary software. It includes the third-party components listed under Third-party licences, each under its own licence.</source>
        <translation>Logiciel propriétaire. Il inclut les composants tiers listés sous Licences tierces, chacun sous sa propre licence.</translation>
    </message>
    <message>
        <source>The components below are part of this program. Their licence texts follow, and are in the licenses folder of the installation.</source>
        <translation>Les composants ci-dessous font partie de ce logiciel. Le texte de leurs licences suit ; il figure aussi dans le dossier licenses de l&apos;installation.</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>New practitioner</source>
        <translation>Nouveau praticien</translation>
    </message>
    <message>
        <source>Full name *</source>
        <translation>Nom complet *</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Registration number</source>
        <translation>Numéro RPPS / d&apos;inscription</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Registered medical doctor (may override a screening deferral or start a session early, with a written reason)</source>
        <translation>Médecin inscrit à l&apos;Ordre (peut lever un report du questionnaire médical ou avancer une séance, motif écrit à l&apos;appui)</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <source>Password *</source>
        <translation>Mot de passe *</translation>
    </message>
    <message>
        <source>Password again *</source>
        <translation>Confirmer le mot de passe *</translation>
    </message>
    <message>
        <source>Can sign in (untick when someone leaves the clinic; their records stay)</source>
        <translation>Peut se connecter (décochez au départ d&apos;un praticien ; ses dossiers sont conservés)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message>
        <source>Allergies: not known.</source>
        <translation>Allergies : inconnues.</translation>
    </message>
    <message>
        <source>No screening on record: ask about allergies before any procedure.</source>
        <translation>Aucun questionnaire médical au dossier : interrogez le patient sur ses allergies avant tout acte.</translation>
    </message>
    <message>
        <source>Allergies:</source>
        <translation>Allergies :</translation>
    </message>
    <message>
        <source>none reported at screening</source>
        <translation>aucune signalée au questionnaire médical</translation>
    </message>
    <message>
        <source>Not known whether {what}</source>
        <translation>Inconnu : {what}</translation>
    </message>
    <message>
        <source>Deferred ({procedures}{wait}):</source>
        <translation>Reporté ({procedures}{wait}) :</translation>
    </message>
    <message>
        <source>Caution ({procedures}):</source>
        <translation>Précaution ({procedures}) :</translation>
    </message>
    <message>
        <source>accepted: {why}</source>
        <translation>accepté : {why}</translation>
    </message>
    <message>
        <source>Severe complication:</source>
        <translation>Complication grave :</translation>
    </message>
    <message>
        <source>{what} ({site}) after {procedure}, since {day}; not resolved</source>
        <translation>{what} ({site}) après {procedure}, depuis le {day} ; non résolue</translation>
    </message>
    <message>
        <source>From the consultation of {day}</source>
        <translation>Selon la consultation du {day}</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Follow-up assessment</source>
        <translation>Évaluation de suivi</translation>
    </message>
    <message>
        <source>&lt;b&gt;{visit}&lt;/b&gt;&lt;br&gt;{procedure} of {day} · due {window}</source>
        <translation>&lt;b&gt;{visit}&lt;/b&gt;&lt;br&gt;{procedure} du {day} · prévue {window}</translation>
    </message>
    <message>
        <source>Seen before the window opened: why</source>
        <translation>Vu avant l&apos;ouverture de la fenêtre : pourquoi</translation>
    </message>
    <message>
        <source>Seen on:</source>
        <translation>Vu le :</translation>
    </message>
    <message>
        <source>Merz grade of each hand</source>
        <translation>Grade de Merz de chaque main</translation>
    </message>
    <message>
        <source>Grade each hand as you see it today. The baseline grade is shown once both are graded.</source>
        <translation>Cotez chaque main telle que vous la voyez aujourd&apos;hui. Le grade initial s&apos;affiche une fois les deux cotées.</translation>
    </message>
    <message>
        <source>Choose a grade</source>
        <translation>Choisissez un grade</translation>
    </message>
    <message>
        <source>Show the baseline grades</source>
        <translation>Afficher les grades initiaux</translation>
    </message>
    <message>
        <source>Baseline: hidden until both hands are graded.</source>
        <translation>Grade initial : masqué jusqu&apos;à ce que les deux mains soient cotées.</translation>
    </message>
    <message>
        <source>Improvement (GAIS), practitioner:</source>
        <translation>Amélioration (GAIS), praticien :</translation>
    </message>
    <message>
        <source>Improvement (GAIS), patient:</source>
        <translation>Amélioration (GAIS), patient :</translation>
    </message>
    <message>
        <source>Choose a score</source>
        <translation>Choisissez un score</translation>
    </message>
    <message>
        <source>Ask the patient</source>
        <translation>Demandez au patient</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>HAND-Q taken</source>
        <translation>HAND-Q rempli</translation>
    </message>
    <message>
        <source>score, {low:g} to {high:g}</source>
        <translation>score, de {low:g} à {high:g}</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>Satisfaction :</translation>
    </message>
    <message>
        <source>Touch-up wanted:</source>
        <translation>Retouche souhaitée :</translation>
    </message>
    <message>
        <source>HAND-Q:</source>
        <translation>HAND-Q :</translation>
    </message>
    <message>
        <source>Record the score only: the questionnaire is licensed.</source>
        <translation>Consignez seulement le score : le questionnaire est sous licence.</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes :</translation>
    </message>
    <message>
        <source>The protocol asks nothing to be assessed at this visit: notes only.</source>
        <translation>Le protocole ne demande aucune évaluation à cette visite : notes seulement.</translation>
    </message>
    <message>
        <source>Assessed on {day} by {who}.</source>
        <translation>Évalué le {day} par {who}.</translation>
    </message>
    <message>
        <source>{side}: no baseline grade</source>
        <translation>{side} : pas de grade initial</translation>
    </message>
    <message>
        <source>{side}: {before} → {now} ({change})</source>
        <translation>{side} : {before} → {now} ({change})</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Initial</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>patient id</source>
        <translation>n° patient</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Tous les enregistrements</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>containing…</source>
        <translation>contenant…</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Verify the audit trail</source>
        <translation>Vérifier le journal d&apos;audit</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) shown</source>
        <translation>
            <numerusform>%n modification affichée</numerusform>
            <numerusform>%n modifications affichées</numerusform>
        </translation>
    </message>
    <message>
        <source>Before:
{b}

After:
{a}</source>
        <translation>Avant :
{b}

Après :
{a}</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>set aside before a restore</source>
        <translation>mis de côté avant une restauration</translation>
    </message>
    <message>
        <source>damaged, set aside at a start</source>
        <translation>endommagé, mis de côté au démarrage</translation>
    </message>
    <message>
        <source>a restore&apos;s temporary copy</source>
        <translation>copie temporaire d&apos;une restauration</translation>
    </message>
    <message>
        <source>the newest backup</source>
        <translation>la sauvegarde la plus récente</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>heure inconnue</translation>
    </message>
    <message>
        <source>Backup cannot be verified</source>
        <translation>Sauvegarde invérifiable</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{name} has no manifest, so it cannot be verified.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Backups made by this version carry a manifest with their checksum and the end of their audit trail; this one was made by an older version, or copied without it. If it was altered, the change would not be seen.&lt;/p&gt;&lt;p&gt;Restore it only if you trust where it came from.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{name} n&apos;a pas de manifeste : elle ne peut pas être vérifiée.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Les sauvegardes faites par cette version portent un manifeste avec leur somme de contrôle et la fin de leur journal d&apos;audit ; celle-ci a été faite par une version antérieure, ou copiée sans lui. Une altération passerait inaperçue.&lt;/p&gt;&lt;p&gt;Ne la restaurez que si vous êtes sûr de sa provenance.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restore it anyway</source>
        <translation>La restaurer quand même</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The database could not be read: it is damaged.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;SQLite reported: {problem}&lt;/p&gt;&lt;p&gt;The damaged file has been moved aside, with its journal files, to:&lt;br&gt;{moved}&lt;br&gt;Nothing has been deleted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;La base de données est illisible : elle est endommagée.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Message de SQLite : {problem}&lt;/p&gt;&lt;p&gt;Le fichier endommagé a été mis de côté, avec ses journaux, dans :&lt;br&gt;{moved}&lt;br&gt;Rien n&apos;a été supprimé.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The newest backup that passes its check was made &lt;b&gt;{when}&lt;/b&gt;. Anything recorded after that time will not be in it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La sauvegarde valide la plus récente date du &lt;b&gt;{when}&lt;/b&gt;. Ce qui a été saisi après ce moment n&apos;y figure pas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No backup that passes its check was found in the backup folder.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Aucune sauvegarde valide n&apos;a été trouvée dans le dossier des sauvegardes.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>Restaurer cette sauvegarde</translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation>Choisir un fichier de sauvegarde…</translation>
    </message>
    <message>
        <source>Start with an empty database</source>
        <translation>Démarrer avec une base vide</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Rejuv Desktop backups (*.sqlite3);;All files (*)</source>
        <translation>Sauvegardes Rejuv Desktop (*.sqlite3);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The records are restored from the backup made {when}. Anything recorded after that time is not in it.</source>
        <translation>Les dossiers sont restaurés depuis la sauvegarde du {when}. Ce qui a été saisi après ce moment n&apos;y figure pas.</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;There is no database where {app} keeps its records{empty}.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{path}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Il n&apos;y a pas de base de données là où {app} conserve ses dossiers{empty}.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{path}&lt;/p&gt;</translation>
    </message>
    <message>
        <source> (the file there is empty)</source>
        <translation> (le fichier présent est vide)</translation>
    </message>
    <message>
        <source>&lt;p&gt;A database was there (its audit witness, beside it, had reached entry {n}): it may have been moved or deleted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Une base de données se trouvait là (son témoin d&apos;audit, à côté, en était à l&apos;entrée {n}) : elle a peut-être été déplacée ou supprimée.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Found beside it:&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Trouvé à côté :&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Put back &lt;b&gt;{name}&lt;/b&gt; to carry on with those records. Nothing is deleted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Remettez &lt;b&gt;{name}&lt;/b&gt; en place pour continuer avec ces dossiers. Rien n&apos;est supprimé.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Put it back</source>
        <translation>La remettre en place</translation>
    </message>
    <message>
        <source>Start a new, empty clinic</source>
        <translation>Créer un nouveau cabinet, vide</translation>
    </message>
    <message>
        <source>The records are back from {name} ({patients} patients).</source>
        <translation>Les dossiers sont rétablis depuis {name} ({patients} patients).</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup folder</source>
        <translation>Dossier des sauvegardes</translation>
    </message>
    <message>
        <source>A backup is made when {app} closes, once a day, and checked before it is kept. Old backups are thinned: one for each of the last 7 days, 4 weeks and 12 months is kept.</source>
        <translation>Une sauvegarde est faite à la fermeture de {app}, une fois par jour, et vérifiée avant d&apos;être conservée. Les anciennes sont éclaircies : on en garde une pour chacun des 7 derniers jours, des 4 dernières semaines et des 12 derniers mois.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backups are saved in:&lt;/b&gt;&lt;br&gt;{dir}</source>
        <translation>&lt;b&gt;Les sauvegardes sont enregistrées dans :&lt;/b&gt;&lt;br&gt;{dir}</translation>
    </message>
    <message>
        <source>Last backup: {when} ({size})</source>
        <translation>Dernière sauvegarde : {when} ({size})</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>Aucune sauvegarde n&apos;a encore été faite.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Also copy each backup to&lt;/b&gt; (for example a USB drive kept off site):</source>
        <translation>&lt;b&gt;Copier aussi chaque sauvegarde dans&lt;/b&gt; (par exemple une clé USB conservée hors du cabinet) :</translation>
    </message>
    <message>
        <source>No second folder</source>
        <translation>Pas de second dossier</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>If that folder is missing when the app closes (drive unplugged), the backup is still saved in the folder above.</source>
        <translation>Si ce dossier est absent à la fermeture (clé débranchée), la sauvegarde est tout de même enregistrée dans le dossier ci-dessus.</translation>
    </message>
    <message>
        <source>Second backup folder</source>
        <translation>Second dossier de sauvegarde</translation>
    </message>
</context>
<context>
    <name>BackupFeature</name>
    <message>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <source>&lt;p&gt;The records are on the clinic server, shared by every workstation.&lt;/p&gt;&lt;p&gt;Backing up, restoring and the backup folder are for the records of a single workstation, kept in a file on it. The clinic server is backed up by the clinic&apos;s IT with &lt;i&gt;rejuv-desktop server backup&lt;/i&gt;, which keeps each backup only once it was restored into a scratch database and found whole.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les dossiers sont sur le serveur du cabinet, partagé par tous les postes.&lt;/p&gt;&lt;p&gt;La sauvegarde, la restauration et le dossier de sauvegarde concernent les dossiers d&apos;un poste unique, gardés dans un fichier sur ce poste. Le serveur du cabinet est sauvegardé par l&apos;informatique du cabinet avec &lt;i&gt;rejuv-desktop server backup&lt;/i&gt;, qui ne garde une sauvegarde qu&apos;après l&apos;avoir restaurée dans une base d&apos;essai et trouvée complète.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>This database is kept in memory only: there is no file to back up.</source>
        <translation>Cette base de données n&apos;existe qu&apos;en mémoire : il n&apos;y a aucun fichier à sauvegarder.</translation>
    </message>
    <message>
        <source>Back up to folder</source>
        <translation>Sauvegarder dans un dossier</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>Sauvegarde de la base de données…</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>Sauvegarde enregistrée</translation>
    </message>
    <message>
        <source>&lt;p&gt;The backup is saved as:&lt;br&gt;&lt;b&gt;{path}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Size: {size}. It was checked after writing (SQLite integrity check: sound){patients}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La sauvegarde est enregistrée sous :&lt;br&gt;&lt;b&gt;{path}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Taille : {size}. Elle a été vérifiée après écriture (contrôle d&apos;intégrité SQLite : intègre){patients}.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>; it holds %n patients</source>
        <translation>
            <numerusform>; elle contient %n patient</numerusform>
            <numerusform>; elle contient %n patients</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup saved: {name}</source>
        <translation>Sauvegarde enregistrée : {name}</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Rejuv Desktop backups (*.sqlite3);;All files (*)</source>
        <translation>Sauvegardes Rejuv Desktop (*.sqlite3);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot restore this file</source>
        <translation>Impossible de restaurer ce fichier</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Replace the records in {app} with this backup?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Backup: {name}&lt;br&gt;Made: {when}&lt;br&gt;Patients: {patients}&lt;/p&gt;&lt;p&gt;Anything recorded after that backup was made will no longer be shown. The database in use now is not deleted: it is kept beside it, unchanged, so it can be brought back.&lt;/p&gt;&lt;p&gt;{app} will close when the restore is done; open it again to carry on.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Remplacer les dossiers de {app} par cette sauvegarde ?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Sauvegarde : {name}&lt;br&gt;Faite le : {when}&lt;br&gt;Patients : {patients}&lt;/p&gt;&lt;p&gt;Ce qui a été saisi après cette sauvegarde ne sera plus affiché. La base actuelle n&apos;est pas supprimée : elle est conservée à côté, intacte, et peut être rétablie.&lt;/p&gt;&lt;p&gt;{app} se fermera une fois la restauration faite ; rouvrez-le pour continuer.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restore not done</source>
        <translation>Restauration non effectuée</translation>
    </message>
    <message>
        <source>&lt;p&gt;The restore did not happen: {error}&lt;/p&gt;&lt;p&gt;Your database is unchanged. {app} will now close; open it again to carry on.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La restauration n&apos;a pas eu lieu : {error}&lt;/p&gt;&lt;p&gt;Votre base de données est inchangée. {app} va se fermer ; rouvrez-le pour continuer.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%n photograph(s) missing beside the database were brought back from the backup folder.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%n photographie absente à côté de la base a été récupérée dans le dossier de sauvegarde.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%n photographies absentes à côté de la base ont été récupérées dans le dossier de sauvegarde.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;%n photograph(s) the restored records name are neither beside the database nor in the backup folder.&lt;/b&gt; The command &apos;rejuv-desktop check&apos; names them.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;%n photographie citée par les dossiers restaurés ne se trouve ni à côté de la base ni dans le dossier de sauvegarde.&lt;/b&gt; La commande « rejuv-desktop check » la nomme.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;%n photographies citées par les dossiers restaurés ne se trouvent ni à côté de la base ni dans le dossier de sauvegarde.&lt;/b&gt; La commande « rejuv-desktop check » les nomme.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
    <message>
        <source>&lt;p&gt;The records are restored from the backup made {when}.&lt;/p&gt;&lt;p&gt;The database you had is kept, unchanged, as:&lt;br&gt;{kept}&lt;/p&gt;{photos}&lt;p&gt;{app} will now close. Open it again to carry on with the restored records.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les dossiers sont restaurés à partir de la sauvegarde du {when}.&lt;/p&gt;&lt;p&gt;La base précédente est conservée, inchangée, sous :&lt;br&gt;{kept}&lt;/p&gt;{photos}&lt;p&gt;{app} va maintenant se fermer. Rouvrez-le pour continuer avec les dossiers restaurés.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Backups will also be copied to {dir}</source>
        <translation>Les sauvegardes seront aussi copiées dans {dir}</translation>
    </message>
    <message>
        <source>Backups are saved in the automatic folder only.</source>
        <translation>Les sauvegardes sont enregistrées uniquement dans le dossier automatique.</translation>
    </message>
    <message>
        <source>Export patient records to folder</source>
        <translation>Exporter le dossier du patient dans un répertoire</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Non exporté</translation>
    </message>
    <message>
        <source>Exporting the patient&apos;s records…</source>
        <translation>Export du dossier du patient…</translation>
    </message>
    <message>
        <source>Patient records exported</source>
        <translation>Dossier du patient exporté</translation>
    </message>
    <message>
        <source>&lt;p&gt;Exported to:&lt;br&gt;&lt;b&gt;{folder}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{rows} records, {docs} documents (PDF) and {audit} audit entries. &lt;i&gt;records.json&lt;/i&gt; holds the records; &lt;i&gt;manifest.json&lt;/i&gt; lists every file with its SHA-256.&lt;/p&gt;&lt;p&gt;The folder holds health data: keep it safe and hand it over securely.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Exporté dans :&lt;br&gt;&lt;b&gt;{folder}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{rows} enregistrements, {docs} documents (PDF) et {audit} entrées d&apos;audit. &lt;i&gt;records.json&lt;/i&gt; contient les enregistrements ; &lt;i&gt;manifest.json&lt;/i&gt; liste chaque fichier avec son empreinte SHA-256.&lt;/p&gt;&lt;p&gt;Ce dossier contient des données de santé : conservez-le en lieu sûr et transmettez-le de façon sécurisée.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Clinic recovery code</source>
        <translation>Code de récupération du cabinet</translation>
    </message>
    <message>
        <source>The recovery code shown when the clinic was set up (64 letters and digits; spaces and dashes do not matter):</source>
        <translation>Le code de récupération affiché à la création du cabinet (64 lettres et chiffres ; espaces et tirets sont ignorés) :</translation>
    </message>
    <message>
        <source>Recovery code not taken</source>
        <translation>Code de récupération refusé</translation>
    </message>
    <message>
        <source>Recovery code taken</source>
        <translation>Code de récupération accepté</translation>
    </message>
    <message>
        <source>The clinic key {kid} is on this computer now: the audit trail it sealed can be verified here.</source>
        <translation>La clé du cabinet {kid} est maintenant sur cet ordinateur : le journal d&apos;audit qu&apos;elle a scellé peut être vérifié ici.</translation>
    </message>
    <message>
        <source>The audit trail does not match its witness ({problem}). Records may have been changed outside {app}: ask the clinic&apos;s administrator to run &apos;rejuv-desktop check&apos;.</source>
        <translation>Le journal d&apos;audit ne correspond pas à son témoin ({problem}). Des dossiers ont peut-être été modifiés en dehors de {app} : demandez à l&apos;administrateur du cabinet de lancer « rejuv-desktop check ».</translation>
    </message>
</context>
<context>
    <name>CheckBar</name>
    <message>
        <source>about %p %</source>
        <translation>environ %p %</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare photographs</source>
        <translation>Comparer des photographies</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>Avant :</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>Après :</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Slider</source>
        <translation>Curseur</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Superposition</translation>
    </message>
    <message>
        <source>Later photo&apos;s opacity:</source>
        <translation>Opacité de la photo la plus récente :</translation>
    </message>
    <message>
        <source>Align the later photo</source>
        <translation>Aligner la photo la plus récente</translation>
    </message>
    <message>
        <source>Move the later photo left</source>
        <translation>Déplacer la photo récente vers la gauche</translation>
    </message>
    <message>
        <source>Move the later photo right</source>
        <translation>Déplacer la photo récente vers la droite</translation>
    </message>
    <message>
        <source>Move the later photo up</source>
        <translation>Déplacer la photo récente vers le haut</translation>
    </message>
    <message>
        <source>Move the later photo down</source>
        <translation>Déplacer la photo récente vers le bas</translation>
    </message>
    <message>
        <source>Enlarge the later photo</source>
        <translation>Agrandir la photo récente</translation>
    </message>
    <message>
        <source>Shrink the later photo</source>
        <translation>Réduire la photo récente</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source> (illustration)</source>
        <translation> (illustration)</translation>
    </message>
    <message>
        <source>Session {n} ({procedure})</source>
        <translation>Séance {n} ({procedure})</translation>
    </message>
    <message>
        <source>Visit: {label}</source>
        <translation>Visite : {label}</translation>
    </message>
    <message>
        <source>Merz grade: not graded yet</source>
        <translation>Grade de Merz : pas encore coté</translation>
    </message>
    <message>
        <source>Merz grade: left {left}, right {right} (graded {day})</source>
        <translation>Grade de Merz : gauche {left}, droite {right} (coté le {day})</translation>
    </message>
    <message>
        <source>Illustration, not a photograph of a patient</source>
        <translation>Illustration, pas une photographie de patient</translation>
    </message>
    <message>
        <source>Aligning the later photo on the earlier one…</source>
        <translation>Alignement de la photo récente sur la précédente…</translation>
    </message>
    <message>
        <source>The photos could not be aligned automatically: nudge the later one by hand.</source>
        <translation>Les photos n&apos;ont pas pu être alignées automatiquement : ajustez la plus récente à la main.</translation>
    </message>
    <message>
        <source>Shown as taken, not aligned.</source>
        <translation>Affichées telles que prises, sans alignement.</translation>
    </message>
    <message>
        <source>Later photo aligned: moved {dx:+.1f} % across, {dy:+.1f} % down, scaled {s:.0f} %. Use the arrows to nudge it.</source>
        <translation>Photo récente alignée : décalée de {dx:+.1f} % en largeur et de {dy:+.1f} % en hauteur, mise à l&apos;échelle {s:.0f} %. Ajustez-la avec les flèches.</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>Ligne :</translation>
    </message>
</context>
<context>
    <name>ComplicationDialog</name>
    <message>
        <source>Record a complication</source>
        <translation>Consigner une complication</translation>
    </message>
    <message>
        <source>{procedure}, {day}</source>
        <translation>{procedure}, {day}</translation>
    </message>
    <message>
        <source>After the session of:</source>
        <translation>Après la séance du :</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type :</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>De quoi il s&apos;agit</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>Gravité :</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>Localisation :</translation>
    </message>
    <message>
        <source>Product lot:</source>
        <translation>Lot du produit :</translation>
    </message>
    <message>
        <source>Began on:</source>
        <translation>Début le :</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Résolue le</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Évolution :</translation>
    </message>
    <message>
        <source>Treatment:</source>
        <translation>Traitement :</translation>
    </message>
    <message>
        <source>to the regulator</source>
        <translation>à l&apos;autorité sanitaire (ANSM)</translation>
    </message>
    <message>
        <source>to the maker</source>
        <translation>au fabricant</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>Reported:</source>
        <translation>Déclarée :</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>ConcernsPage</name>
    <message>
        <source>Concerns and goals</source>
        <translation>Motifs et attentes</translation>
    </message>
    <message>
        <source>What bothers the patient about their hands, and what they hope for, in their own words.</source>
        <translation>Ce qui gêne le patient dans l&apos;aspect de ses mains, et ce qu&apos;il en attend, avec ses propres mots.</translation>
    </message>
    <message>
        <source>Concerns *</source>
        <translation>Motifs *</translation>
    </message>
    <message>
        <source>Describe the other concern</source>
        <translation>Précisez l&apos;autre motif</translation>
    </message>
    <message>
        <source>Goals and expectations, in the patient&apos;s words</source>
        <translation>Objectifs et attentes, avec les mots du patient</translation>
    </message>
    <message>
        <source>Are these expectations realistic? *</source>
        <translation>Ces attentes sont-elles réalistes ? *</translation>
    </message>
    <message>
        <source>Realistic</source>
        <translation>Réalistes</translation>
    </message>
    <message>
        <source>Not realistic</source>
        <translation>Non réalistes</translation>
    </message>
    <message>
        <source>Note (why, and what was explained)</source>
        <translation>Note (pourquoi, et ce qui a été expliqué)</translation>
    </message>
    <message>
        <source>Tick at least one concern.</source>
        <translation>Cochez au moins un motif.</translation>
    </message>
    <message>
        <source>Describe the other concern.</source>
        <translation>Précisez l&apos;autre motif.</translation>
    </message>
    <message>
        <source>Say whether the expectations are realistic.</source>
        <translation>Indiquez si les attentes sont réalistes.</translation>
    </message>
    <message>
        <source>Note why the expectations are not realistic.</source>
        <translation>Notez pourquoi les attentes ne sont pas réalistes.</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>another workstation</source>
        <translation>un autre poste</translation>
    </message>
    <message>
        <source>{who} saved {what} at {when}, after you opened the form.</source>
        <translation>{who} a enregistré {what} le {when}, après l&apos;ouverture de votre formulaire.</translation>
    </message>
    <message>
        <source>Changed there: {fields}.</source>
        <translation>Modifié sur l&apos;autre poste : {fields}.</translation>
    </message>
    <message>
        <source>{field}: {value}</source>
        <translation>{field} : {value}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Not saved: changed elsewhere</source>
        <translation>Non enregistré : modifié ailleurs</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Not saved: changed on another workstation.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{saved} {changes}&lt;/p&gt;&lt;p&gt;Nothing was saved and nothing was merged. What you typed is still in the form.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Non enregistré : modifié sur un autre poste.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{saved} {changes}&lt;/p&gt;&lt;p&gt;Rien n&apos;a été enregistré ni fusionné. Ce que vous avez saisi est toujours dans le formulaire.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reload the saved record</source>
        <translation>Recharger la version enregistrée</translation>
    </message>
    <message>
        <source>Keep what I typed</source>
        <translation>Garder ma saisie</translation>
    </message>
    <message>
        <source>{saved} {changes} Saving now replaces their version with what is in this form.</source>
        <translation>{saved} {changes} Enregistrer maintenant remplace leur version par le contenu de ce formulaire.</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>&lt;b&gt;This workstation keeps its records in:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ce poste garde ses dossiers :&lt;/b&gt;</translation>
    </message>
    <message>
        <source>a file on this computer (one workstation)</source>
        <translation>dans un fichier sur cet ordinateur (un seul poste)</translation>
    </message>
    <message>
        <source>the clinic server (several workstations share the records)</source>
        <translation>sur le serveur du cabinet (plusieurs postes partagent les dossiers)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>name or address, e.g. clinic-server</source>
        <translation>nom ou adresse, par ex. serveur-cabinet</translation>
    </message>
    <message>
        <source>saved: leave empty to keep it</source>
        <translation>enregistré : laisser vide pour le garder</translation>
    </message>
    <message>
        <source>Encrypt the connection (TLS; the server must offer it)</source>
        <translation>Chiffrer la connexion (TLS ; le serveur doit le proposer)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Required: the name or address of the clinic server, without spaces, slashes or @</source>
        <translation>Obligatoire : le nom ou l&apos;adresse du serveur du cabinet, sans espace, barre oblique ni @</translation>
    </message>
    <message>
        <source>A port number between 1 and 65535 (PostgreSQL&apos;s is 5432)</source>
        <translation>Un numéro de port entre 1 et 65535 (celui de PostgreSQL est 5432)</translation>
    </message>
    <message>
        <source>Required: the clinic&apos;s database on the server</source>
        <translation>Obligatoire : la base de données du cabinet sur le serveur</translation>
    </message>
    <message>
        <source>Required: the user the clinic&apos;s IT created for the app</source>
        <translation>Obligatoire : l&apos;utilisateur créé pour l&apos;application par l&apos;informatique du cabinet</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Connexion à {server}…</translation>
    </message>
    <message>
        <source>Cannot connect: {why}</source>
        <translation>Connexion impossible : {why}</translation>
    </message>
    <message>
        <source>Connected (PostgreSQL {version}). No clinic is set up on this database yet: the first workstation to start sets it up.</source>
        <translation>Connecté (PostgreSQL {version}). Aucun cabinet n&apos;est encore installé dans cette base : le premier poste qui démarre l&apos;installe.</translation>
    </message>
    <message numerus="yes">
        <source>Connected (PostgreSQL {version}): the clinic&apos;s records are there, %n patient(s).</source>
        <translation>
            <numerusform>Connecté (PostgreSQL {version}) : les dossiers du cabinet sont là, %n patient.</numerusform>
            <numerusform>Connecté (PostgreSQL {version}) : les dossiers du cabinet sont là, %n patients.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsultationDialog</name>
    <message>
        <source>Consultation {id}</source>
        <translation>Consultation {id}</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Rectifier…</translation>
    </message>
    <message>
        <source>Summary PDF…</source>
        <translation>Compte rendu PDF…</translation>
    </message>
</context>
<context>
    <name>ConsultationWizard</name>
    <message>
        <source>Consultation — {name}</source>
        <translation>Consultation — {name}</translation>
    </message>
    <message>
        <source>Amending consultation — {name}</source>
        <translation>Rectification de consultation — {name}</translation>
    </message>
    <message>
        <source>Finalise</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Close (keep draft)</source>
        <translation>Fermer (garder le brouillon)</translation>
    </message>
    <message>
        <source>NOT SAVED</source>
        <translation>NON ENREGISTRÉ</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Brouillon non enregistré</translation>
    </message>
    <message>
        <source>Not finalised</source>
        <translation>Non validée</translation>
    </message>
</context>
<context>
    <name>ConsultationsTab</name>
    <message>
        <source>New consultation…</source>
        <translation>Nouvelle consultation…</translation>
    </message>
    <message>
        <source>Finalised</source>
        <translation>Validée</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>Resume consultation…</source>
        <translation>Reprendre la consultation…</translation>
    </message>
    <message>
        <source>Unfinished consultation, last saved {when}</source>
        <translation>Consultation inachevée, enregistrée pour la dernière fois le {when}</translation>
    </message>
    <message>
        <source>Amends {id}: {reason}</source>
        <translation>Rectifie {id} : {reason}</translation>
    </message>
    <message>
        <source>Amended by {id}</source>
        <translation>Rectifiée par {id}</translation>
    </message>
</context>
<context>
    <name>ContentOverridesTab</name>
    <message>
        <source>A file in the clinic&apos;s content folder replaces the packaged file of the same name, and upgrades never touch it. Files are checked when the app starts; IT can run &lt;code&gt;rejuv-desktop content check&lt;/code&gt;. Folder: &lt;b&gt;{folder}&lt;/b&gt;</source>
        <translation>Un fichier placé dans le dossier de contenu du cabinet remplace le fichier fourni du même nom, et les mises à jour n&apos;y touchent jamais. Les fichiers sont vérifiés au démarrage ; l&apos;informaticien peut lancer &lt;code&gt;rejuv-desktop content check&lt;/code&gt;. Dossier : &lt;b&gt;{folder}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>No file is overridden: all content is as packaged.</source>
        <translation>Aucun fichier n&apos;est remplacé : tout le contenu est celui fourni.</translation>
    </message>
    <message>
        <source>adds to the packaged content</source>
        <translation>s&apos;ajoute au contenu fourni</translation>
    </message>
    <message>
        <source>replaces the packaged file (version {v})</source>
        <translation>remplace le fichier fourni (version {v})</translation>
    </message>
    <message>
        <source>NOT USED: {why}</source>
        <translation>NON UTILISÉ : {why}</translation>
    </message>
    <message>
        <source>; lacks {n} packaged question(s): {ids}</source>
        <translation>; il manque {n} question(s) du contenu fourni : {ids}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <source>Date, day first</source>
        <translation>Date, jour d&apos;abord</translation>
    </message>
    <message>
        <source>Choose from a calendar (Alt+Down)</source>
        <translation>Choisir dans un calendrier (Alt+Bas)</translation>
    </message>
    <message>
        <source>Type a date (DD/MM/YYYY)</source>
        <translation>Saisissez une date (JJ/MM/AAAA)</translation>
    </message>
    <message>
        <source>Not a date: type it as DD/MM/YYYY</source>
        <translation>Ce n&apos;est pas une date : saisissez-la sous la forme JJ/MM/AAAA</translation>
    </message>
    <message>
        <source>Choose a date from {low} to {high}</source>
        <translation>Choisissez une date entre le {low} et le {high}</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <source>Day before</source>
        <translation>Jour précédent</translation>
    </message>
    <message>
        <source>Day after</source>
        <translation>Jour suivant</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Expected for</source>
        <translation>Attendu pour</translation>
    </message>
    <message>
        <source>window {window}</source>
        <translation>fenêtre {window}</translation>
    </message>
    <message>
        <source>1 planned session</source>
        <translation>1 séance prévue</translation>
    </message>
    <message>
        <source>{n} planned sessions</source>
        <translation>{n} séances prévues</translation>
    </message>
    <message>
        <source>1 follow-up visit</source>
        <translation>1 visite de contrôle</translation>
    </message>
    <message>
        <source>{n} follow-up visits</source>
        <translation>{n} visites de contrôle</translation>
    </message>
    <message>
        <source>{day}: nobody expected</source>
        <translation>{day} : personne n&apos;est attendu</translation>
    </message>
    <message>
        <source>{day}: {n} expected ({what})</source>
        <translation>{day} : {n} attendu(s) ({what})</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
</context>
<context>
    <name>DeviationDialog</name>
    <message>
        <source>Record a deviation</source>
        <translation>Consigner un écart</translation>
    </message>
    <message>
        <source>What was done instead, and why</source>
        <translation>Ce qui a été fait à la place, et pourquoi</translation>
    </message>
    <message>
        <source>Not done:</source>
        <translation>Non fait :</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <source>Write what was done instead, and why.</source>
        <translation>Écrivez ce qui a été fait à la place, et pourquoi.</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Consent form</source>
        <translation>Consentement éclairé</translation>
    </message>
    <message>
        <source>Aftercare sheet</source>
        <translation>Fiche de soins</translation>
    </message>
    <message>
        <source>Consultation summary</source>
        <translation>Compte rendu de consultation</translation>
    </message>
    <message>
        <source>Quote (devis)</source>
        <translation>Devis</translation>
    </message>
    <message>
        <source>Photos for the clinical record</source>
        <translation>Photos pour le dossier médical</translation>
    </message>
    <message>
        <source>Photos for teaching and training (anonymised)</source>
        <translation>Photos pour l&apos;enseignement et la formation (anonymisées)</translation>
    </message>
    <message>
        <source>Photos for publication or marketing</source>
        <translation>Photos pour publication ou communication</translation>
    </message>
    <message>
        <source>Hands</source>
        <translation>Mains</translation>
    </message>
    <message>
        <source>Donor site</source>
        <translation>Site de prélèvement</translation>
    </message>
    <message>
        <source>Anaesthesia</source>
        <translation>Anesthésie</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>Composition</translation>
    </message>
    <message>
        <source>Other donor site</source>
        <translation>Autre site de prélèvement</translation>
    </message>
    <message>
        <source>Signed form (*.pdf *.jpg *.jpeg *.png *.PDF *.JPG *.JPEG *.PNG)</source>
        <translation>Formulaire signé (*.pdf *.jpg *.jpeg *.png *.PDF *.JPG *.JPEG *.PNG)</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Consent form…</source>
        <translation>Consentement éclairé…</translation>
    </message>
    <message>
        <source>Aftercare sheet…</source>
        <translation>Fiche de soins…</translation>
    </message>
    <message>
        <source>Consultation summary</source>
        <translation>Compte rendu de consultation</translation>
    </message>
    <message>
        <source>Quote (devis)…</source>
        <translation>Devis…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>Signer…</translation>
    </message>
    <message>
        <source>Open scan</source>
        <translation>Ouvrir le scan</translation>
    </message>
    <message>
        <source>The scan or photo of the signed paper form</source>
        <translation>Le scan ou la photo du formulaire papier signé</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Émis le</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Acte</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Signed copy ({how}), witness {w}</source>
        <translation>Exemplaire signé ({how}), témoin {w}</translation>
    </message>
    <message>
        <source>on screen</source>
        <translation>à l&apos;écran</translation>
    </message>
    <message>
        <source>on paper</source>
        <translation>sur papier</translation>
    </message>
    <message>
        <source>Signed on paper (scan attached)</source>
        <translation>Signé sur papier (scan joint)</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>Pas encore signé</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Préparation du document…</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>Non émis</translation>
    </message>
    <message>
        <source>Nothing is planned for this patient: a consent form is issued for a procedure planned in a finalised consultation.</source>
        <translation>Rien n&apos;est prévu pour ce patient : un consentement est émis pour un acte prévu lors d&apos;une consultation validée.</translation>
    </message>
    <message>
        <source>Nothing is planned for this patient that needs a quote: a quote is issued for a procedure planned in a finalised consultation.</source>
        <translation>Rien de ce qui est prévu pour ce patient ne demande de devis : un devis s&apos;établit pour un acte prévu dans une consultation finalisée.</translation>
    </message>
    <message>
        <source>Nothing is planned or done for this patient yet, so there is no aftercare sheet to give.</source>
        <translation>Rien n&apos;est encore prévu ni fait pour ce patient : il n&apos;y a pas de fiche de soins à remettre.</translation>
    </message>
    <message>
        <source>Aftercare sheet</source>
        <translation>Fiche de soins</translation>
    </message>
    <message>
        <source>For which procedure?</source>
        <translation>Pour quel acte ?</translation>
    </message>
    <message>
        <source>This patient has no finalised consultation to summarise.</source>
        <translation>Ce patient n&apos;a aucune consultation validée à résumer.</translation>
    </message>
</context>
<context>
    <name>DosePanel</name>
    <message>
        <source>Why more than the maximum is given (required to continue)</source>
        <translation>Pourquoi la dose maximale est dépassée (obligatoire pour continuer)</translation>
    </message>
    <message>
        <source>Record reason and continue</source>
        <translation>Consigner le motif et continuer</translation>
    </message>
    <message>
        <source>{p}% of the maximum dose</source>
        <translation>{p} % de la dose maximale</translation>
    </message>
    <message>
        <source>&lt;b&gt;{mg} mg&lt;/b&gt; {agent} · &lt;b&gt;{per_kg} mg/kg&lt;/b&gt; · maximum {max} mg for {weight} kg</source>
        <translation>&lt;b&gt;{mg} mg&lt;/b&gt; {agent} · &lt;b&gt;{per_kg} mg/kg&lt;/b&gt; · maximum {max} mg pour {weight} kg</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stop.&lt;/b&gt; Give no more. To carry on, write why the maximum is exceeded.</source>
        <translation>&lt;b&gt;Arrêtez.&lt;/b&gt; N&apos;injectez plus rien. Pour continuer, écrivez pourquoi la dose maximale est dépassée.</translation>
    </message>
    <message>
        <source>Over the maximum; reason recorded by {who}: {reason}</source>
        <translation>Au-delà du maximum ; motif consigné par {who} : {reason}</translation>
    </message>
    <message>
        <source>{mg} mg of {agent} ({per_kg} mg/kg)</source>
        <translation>{mg} mg de {agent} ({per_kg} mg/kg)</translation>
    </message>
    <message>
        <source>the {max} mg maximum for {weight} kg (limit {per_kg} mg/kg, capped at {cap} mg)</source>
        <translation>du maximum de {max} mg pour {weight} kg (limite {per_kg} mg/kg, plafonnée à {cap} mg)</translation>
    </message>
    <message>
        <source>at {percent}% the maximum is {ml} ml in all</source>
        <translation>à {percent} %, le maximum est de {ml} ml au total</translation>
    </message>
    <message>
        <source>{given} is over {ceiling}. Do not give more: {at_most}.</source>
        <translation>{given} : au-delà {ceiling}. Ne plus injecter : {at_most}.</translation>
    </message>
    <message>
        <source>{given} is {p}% of {ceiling}. Close to the limit: {at_most}.</source>
        <translation>{given} : {p} % {ceiling}. Proche de la limite : {at_most}.</translation>
    </message>
    <message>
        <source>{given} is {p}% of {ceiling}.</source>
        <translation>{given} : {p} % {ceiling}.</translation>
    </message>
    <message>
        <source>Agents with different limits were given: the stricter limit, that of {label}, applies to the total.</source>
        <translation>Des produits de limites différentes ont été administrés : la limite la plus stricte, celle de la {label}, s&apos;applique au total.</translation>
    </message>
    <message>
        <source>The maximum is lowered by {p}% because: {why}.</source>
        <translation>Le maximum est abaissé de {p} % en raison de : {why}.</translation>
    </message>
    <message>
        <source>A limit used is not verified: check it against the product information.</source>
        <translation>Une limite utilisée n&apos;est pas vérifiée : contrôlez-la dans le résumé des caractéristiques du produit.</translation>
    </message>
    <message>
        <source>Entry {n}</source>
        <translation>Ligne {n}</translation>
    </message>
    <message>
        <source>{name}: {solution} — at most &lt;b&gt;{ml} ml&lt;/b&gt; can still be given ({alone} ml alone would reach the maximum)</source>
        <translation>{name} : {solution} — au plus &lt;b&gt;{ml} ml&lt;/b&gt; peuvent encore être injectés ({alone} ml à eux seuls atteindraient le maximum)</translation>
    </message>
    <message>
        <source>{name}: {solution} — &lt;b&gt;none&lt;/b&gt;: the maximum is already reached</source>
        <translation>{name} : {solution} — &lt;b&gt;plus rien&lt;/b&gt; : le maximum est déjà atteint</translation>
    </message>
    <message>
        <source>Before drawing up, from today&apos;s weight:</source>
        <translation>Avant de prélever, d&apos;après le poids du jour :</translation>
    </message>
</context>
<context>
    <name>DueView</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>As of {day}: {overdue} overdue, {week} this week</source>
        <translation>Au {day} : {overdue} en retard, {week} cette semaine</translation>
    </message>
    <message>
        <source>Follow-up visits and planned sessions</source>
        <translation>Visites de contrôle et séances prévues</translation>
    </message>
</context>
<context>
    <name>EarlyStartDialog</name>
    <message>
        <source>Too early for this session</source>
        <translation>Trop tôt pour cette séance</translation>
    </message>
    <message>
        <source>This session should not start before {day}:</source>
        <translation>Cette séance ne devrait pas commencer avant le {day} :</translation>
    </message>
    <message>
        <source> (a clinic setting from practice, not published evidence)</source>
        <translation> (un réglage du cabinet issu de la pratique, non d&apos;une donnée publiée)</translation>
    </message>
    <message>
        <source>The doctor&apos;s reason to start now (kept on the session record)</source>
        <translation>Motif du médecin pour commencer maintenant (conservé dans le dossier de la séance)</translation>
    </message>
    <message>
        <source>No one can start this session early.</source>
        <translation>Personne ne peut avancer cette séance.</translation>
    </message>
    <message>
        <source>Start it now only for a clinical reason, written here:</source>
        <translation>Ne la commencez maintenant que pour un motif clinique, écrit ici :</translation>
    </message>
    <message>
        <source>Start early</source>
        <translation>Commencer en avance</translation>
    </message>
    <message>
        <source>Only a doctor can start it early, with a written reason: ask a doctor to sign in.</source>
        <translation>Seul un médecin peut l&apos;avancer, avec un motif écrit : demandez à un médecin de se connecter.</translation>
    </message>
    <message>
        <source>Write the reason for starting this session early.</source>
        <translation>Écrivez le motif pour lequel cette séance commence en avance.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong.&lt;/b&gt;&lt;br&gt;What you had saved is safe. The action you were doing may not have finished: check it, then carry on. If it happens again, copy the details below and send them to your IT contact.</source>
        <translation>&lt;b&gt;Un problème est survenu.&lt;/b&gt;&lt;br&gt;Ce que vous aviez enregistré est intact. L&apos;action en cours n&apos;est peut-être pas terminée : vérifiez-la, puis continuez. Si cela se reproduit, copiez les détails ci-dessous et envoyez-les à votre informaticien.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>Not verified by a published source</source>
        <translation>Non vérifié par une source publiée</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>FinalisePage</name>
    <message>
        <source>No treatment can be planned</source>
        <translation>Aucun traitement ne peut être prévu</translation>
    </message>
    <message>
        <source>The screening or the examination stops the consultation here. Explain the reasons to the patient; finalising records them.</source>
        <translation>Le questionnaire médical ou l&apos;examen arrête la consultation ici. Expliquez-en les raisons au patient ; la validation les consigne.</translation>
    </message>
    <message>
        <source>Review and finalise</source>
        <translation>Relire et valider</translation>
    </message>
    <message>
        <source>Once finalised the consultation is read-only; a later correction is an amendment with its reason.</source>
        <translation>Une fois validée, la consultation ne peut plus être modifiée ; toute correction ultérieure est une rectification motivée.</translation>
    </message>
    <message>
        <source>Notes for the record</source>
        <translation>Notes pour le dossier</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>&lt;b&gt;Concerns:&lt;/b&gt; {concerns}</source>
        <translation>&lt;b&gt;Motifs :&lt;/b&gt; {concerns}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Merz grade:&lt;/b&gt; left {left}, right {right}</source>
        <translation>&lt;b&gt;Grade de Merz :&lt;/b&gt; gauche {left}, droite {right}</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>délai</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) from {start}</source>
        <translation>
            <numerusform>%n séance à partir du {start}</numerusform>
            <numerusform>%n séances à partir du {start}</numerusform>
        </translation>
    </message>
    <message>
        <source>dates to correct</source>
        <translation>dates à corriger</translation>
    </message>
    <message>
        <source>&lt;b&gt;Planned:&lt;/b&gt; {procedure} — {when}</source>
        <translation>&lt;b&gt;Prévu :&lt;/b&gt; {procedure} — {when}</translation>
    </message>
    <message>
        <source>Doctor&apos;s override</source>
        <translation>Dérogation du médecin</translation>
    </message>
    <message>
        <source>Planned after the wait, from {day}</source>
        <translation>Prévu après le délai d&apos;attente, à partir du {day}</translation>
    </message>
    <message>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <source>Not recommended; planned because</source>
        <translation>Non recommandé ; prévu car</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up {app}</source>
        <translation>Configurer {app}</translation>
    </message>
</context>
<context>
    <name>FollowUpActions</name>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>À venir</translation>
    </message>
    <message>
        <source>Session {n} of {total} (planned)</source>
        <translation>Séance {n} sur {total} (prévue)</translation>
    </message>
    <message>
        <source>Session (planned)</source>
        <translation>Séance (prévue)</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Patient and visit</source>
        <translation>Patient et visite</translation>
    </message>
    <message>
        <source>Open patient</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Mark done…</source>
        <translation>Marquer comme faite…</translation>
    </message>
    <message>
        <source>Reschedule…</source>
        <translation>Reporter…</translation>
    </message>
    <message>
        <source>Cancel visit…</source>
        <translation>Annuler la visite…</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>done, seen {day}</source>
        <translation>faite, vu le {day}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Cancel visit</source>
        <translation>Annuler la visite</translation>
    </message>
    <message>
        <source>Why will &quot;{visit}&quot; not take place? (kept with the record)</source>
        <translation>Pourquoi « {visit} » n&apos;aura-t-elle pas lieu ? (conservé au dossier)</translation>
    </message>
</context>
<context>
    <name>Gates</name>
    <message>
        <source>Consent is not signed</source>
        <translation>Le consentement n&apos;est pas signé</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>{step} is not complete: {missing} not confirmed</source>
        <translation>{step} incomplète : {missing} non confirmé(s)</translation>
    </message>
    <message>
        <source>{step} is not completed</source>
        <translation>{step} : étape non terminée</translation>
    </message>
</context>
<context>
    <name>HandBox</name>
    <message>
        <source>Left hand</source>
        <translation>Main gauche</translation>
    </message>
    <message>
        <source>Right hand</source>
        <translation>Main droite</translation>
    </message>
    <message>
        <source>Merz grade *</source>
        <translation>Grade de Merz *</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>A few</source>
        <translation>Quelques-unes</translation>
    </message>
    <message>
        <source>Many</source>
        <translation>Nombreuses</translation>
    </message>
    <message>
        <source>Hydration</source>
        <translation>Hydratation</translation>
    </message>
    <message>
        <source>Elasticity</source>
        <translation>Élasticité</translation>
    </message>
    <message>
        <source>Texture</source>
        <translation>Texture</translation>
    </message>
    <message>
        <source>Brown spots</source>
        <translation>Taches pigmentaires</translation>
    </message>
    <message>
        <source>Suspicious lesion</source>
        <translation>Lésion suspecte</translation>
    </message>
    <message>
        <source>changing, irregular, raised or bleeding</source>
        <translation>évolutive, irrégulière, en relief ou saignante</translation>
    </message>
    <message>
        <source>A dermatologist must see this lesion before any treatment: the consultation will end with a referral.</source>
        <translation>Un dermatologue doit examiner cette lésion avant tout traitement : la consultation se terminera par une orientation.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Choose the grade that matches the back of the hand.</source>
        <translation>Choisissez le grade qui correspond au dos de la main.</translation>
    </message>
</context>
<context>
    <name>HandsPage</name>
    <message>
        <source>Hand evaluation</source>
        <translation>Examen des mains</translation>
    </message>
    <message>
        <source>Grade each hand on the Merz Hand Grading Scale (dorsal hand, 0 = no loss of fatty tissue to 4 = very severe loss) and note the skin.</source>
        <translation>Cotez chaque main sur l&apos;échelle de Merz (dos de la main, de 0 = aucune perte de tissu adipeux à 4 = perte très sévère) et décrivez la peau.</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Fitzpatrick type (confirmed) *</source>
        <translation>Phototype de Fitzpatrick (confirmé) *</translation>
    </message>
    <message>
        <source>kg — needed for anaesthetic dose limits</source>
        <translation>kg — nécessaire au calcul des doses maximales d&apos;anesthésique</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>Poids (kg)</translation>
    </message>
    <message>
        <source>Donor fat available</source>
        <translation>Graisse disponible au prélèvement</translation>
    </message>
    <message>
        <source>Grade the left hand.</source>
        <translation>Cotez la main gauche.</translation>
    </message>
    <message>
        <source>Grade the right hand.</source>
        <translation>Cotez la main droite.</translation>
    </message>
    <message>
        <source>Confirm the Fitzpatrick skin type.</source>
        <translation>Confirmez le phototype de Fitzpatrick.</translation>
    </message>
    <message>
        <source>Weight must be a number of kg between {lo:.0f} and {hi:.0f}.</source>
        <translation>Le poids doit être un nombre de kg entre {lo:.0f} et {hi:.0f}.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>Main window</source>
        <translation>Fenêtre principale</translation>
    </message>
    <message>
        <source>Patient form</source>
        <translation>Fiche patient</translation>
    </message>
    <message>
        <source>Consultation: concerns and goals</source>
        <translation>Consultation : motifs et attentes</translation>
    </message>
    <message>
        <source>Consultation: hand evaluation</source>
        <translation>Consultation : examen des mains</translation>
    </message>
    <message>
        <source>Consultation: screening</source>
        <translation>Consultation : questionnaire médical</translation>
    </message>
    <message>
        <source>Consultation: verdict</source>
        <translation>Consultation : conclusion</translation>
    </message>
    <message>
        <source>Consultation: recommendation</source>
        <translation>Consultation : proposition thérapeutique</translation>
    </message>
    <message>
        <source>Consultation: plan</source>
        <translation>Consultation : plan de traitement</translation>
    </message>
    <message>
        <source>Consultation: finalise</source>
        <translation>Consultation : validation</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Signing a consent</source>
        <translation>Signature du consentement</translation>
    </message>
    <message>
        <source>Procedure session</source>
        <translation>Séance d&apos;acte</translation>
    </message>
    <message>
        <source>Due follow-ups</source>
        <translation>Suivis à faire</translation>
    </message>
    <message>
        <source>Product lots</source>
        <translation>Lots de produits</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Photographs</source>
        <translation>Photographies</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
</context>
<context>
    <name>Holds</name>
    <message>
        <source>This consultation</source>
        <translation>Cette consultation</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>Cette séance</translation>
    </message>
    <message>
        <source>{what} was taken over by {who} on {workstation} at {when}, after this window had not renewed its hold. Nothing was saved here; what is on screen stays until you close it.</source>
        <translation>{what} a été reprise par {who} sur {workstation} à {when}, cette fenêtre n&apos;ayant plus renouvelé sa réservation. Rien n&apos;a été enregistré ici ; ce qui est à l&apos;écran y reste jusqu&apos;à la fermeture.</translation>
    </message>
    <message>
        <source>{what} is held by {who} on {workstation} since {when}: it cannot be edited here.</source>
        <translation>{what} est réservée par {who} sur {workstation} depuis {when} : elle ne peut pas être modifiée ici.</translation>
    </message>
    <message>
        <source>That workstation has not renewed its hold since {when} (it may be switched off): you can take it over.</source>
        <translation>Ce poste n&apos;a plus renouvelé sa réservation depuis {when} (il est peut-être éteint) : vous pouvez la reprendre.</translation>
    </message>
    <message>
        <source>Consultation held by {who} on {workstation} since {when}</source>
        <translation>Consultation réservée par {who} sur {workstation} depuis {when}</translation>
    </message>
    <message>
        <source>Session held by {who} on {workstation} since {when}</source>
        <translation>Séance réservée par {who} sur {workstation} depuis {when}</translation>
    </message>
    <message>
        <source>Not saved: {saved}</source>
        <translation>Non enregistré : {saved}</translation>
    </message>
    <message>
        <source>this record</source>
        <translation>ce dossier</translation>
    </message>
    <message>
        <source>Open on another workstation</source>
        <translation>Ouvert sur un autre poste</translation>
    </message>
    <message>
        <source>Take it over</source>
        <translation>La reprendre</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>This app&apos;s columns (given_name, family_name, date_of_birth, …)</source>
        <translation>Colonnes de ce logiciel (given_name, family_name, date_of_birth, …)</translation>
    </message>
    <message>
        <source>Synthea export (FIRST, LAST, BIRTHDATE, …)</source>
        <translation>Export Synthea (FIRST, LAST, BIRTHDATE, …)</translation>
    </message>
    <message>
        <source>Import patients</source>
        <translation>Importer des patients</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>Fichier CSV</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Import the valid rows and list the others (otherwise nothing is imported if a row has a problem)</source>
        <translation>Importer les lignes valides et lister les autres (sinon rien n&apos;est importé si une ligne pose problème)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Patients to import</source>
        <translation>Patients à importer</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the CSV file first.</source>
        <translation>Choisissez d&apos;abord le fichier CSV.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing imported: %n row(s) have problems. Correct them, or tick the box to import the valid rows.</source>
        <translation>
            <numerusform>Rien n&apos;a été importé : %n ligne pose problème. Corrigez-la, ou cochez la case pour importer les lignes valides.</numerusform>
            <numerusform>Rien n&apos;a été importé : %n lignes posent problème. Corrigez-les, ou cochez la case pour importer les lignes valides.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n patient(s).</source>
        <translation>
            <numerusform>%n patient importé.</numerusform>
            <numerusform>%n patients importés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Columns not imported: {c}</source>
        <translation>Colonnes non importées : {c}</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>Non importé</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
</context>
<context>
    <name>IssueConsentDialog</name>
    <message>
        <source>Issue consent form</source>
        <translation>Émettre le consentement éclairé</translation>
    </message>
    <message>
        <source>{name} — planned from {start}</source>
        <translation>{name} — prévu à partir du {start}</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Acte</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Émettre</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>Non émis</translation>
    </message>
</context>
<context>
    <name>IssueDevisDialog</name>
    <message>
        <source>Issue quote (devis)</source>
        <translation>Établir le devis</translation>
    </message>
    <message>
        <source>{name} — planned from {start}</source>
        <translation>{name} — prévu à partir du {start}</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Acte</translation>
    </message>
    <message>
        <source>The practitioner who held the consultation</source>
        <translation>Le praticien qui a mené la consultation</translation>
    </message>
    <message>
        <source>Name who will operate when it is not the practitioner who held the consultation: the quote must say so.</source>
        <translation>Indiquez qui réalisera l&apos;intervention si ce n&apos;est pas le praticien qui a mené la consultation : le devis doit le préciser.</translation>
    </message>
    <message>
        <source>Who will operate</source>
        <translation>Intervention réalisée par</translation>
    </message>
    <message>
        <source>Line (as printed)</source>
        <translation>Ligne (telle qu&apos;imprimée)</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <source>The lines come from the clinic&apos;s price list; change them for this patient as needed. The quote is printed dated, with the legal text it must carry.</source>
        <translation>Les lignes viennent des tarifs du cabinet ; adaptez-les à ce patient si besoin. Le devis est imprimé daté, avec le texte légal qu&apos;il doit reproduire.</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Établir</translation>
    </message>
    <message>
        <source>Total: check the amounts</source>
        <translation>Total : vérifiez les montants</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>Total : {amount}</translation>
    </message>
    <message>
        <source>Line {n}: {message}</source>
        <translation>Ligne {n} : {message}</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>Non établi</translation>
    </message>
</context>
<context>
    <name>LegalWords</name>
    <message>
        <source>Add at least one line: the act and its fees</source>
        <translation>Ajoutez au moins une ligne : l&apos;acte et ses honoraires</translation>
    </message>
    <message>
        <source>Not a line</source>
        <translation>Ligne invalide</translation>
    </message>
    <message>
        <source>Write the quantity and the price as numbers</source>
        <translation>Saisissez la quantité et le prix en chiffres</translation>
    </message>
    <message>
        <source>Say what the line is for</source>
        <translation>Indiquez l&apos;objet de la ligne</translation>
    </message>
    <message>
        <source>The quantity must be above 0 and the price 0 or more</source>
        <translation>La quantité doit être supérieure à 0 et le prix positif ou nul</translation>
    </message>
    <message>
        <source>This amount is too large: check it</source>
        <translation>Ce montant est trop élevé : vérifiez-le</translation>
    </message>
    <message>
        <source>The quote adds up to 0: enter the fees (the clinic&apos;s price list has no amounts for this procedure)</source>
        <translation>Le devis totalise 0 : saisissez les honoraires (les tarifs du cabinet n&apos;ont pas de montant pour cet acte)</translation>
    </message>
    <message>
        <source>Name who will operate</source>
        <translation>Indiquez qui réalisera l&apos;intervention</translation>
    </message>
    <message>
        <source>The law requires {days} days after the quote signed on {signed}: no session before {until}.</source>
        <translation>La loi impose un délai de {days} jours après le devis signé le {signed} : aucune séance avant le {until}.</translation>
    </message>
    <message>
        <source>This delay cannot be waived, even at the patient&apos;s request.</source>
        <translation>Ce délai ne peut être supprimé, même à la demande du patient.</translation>
    </message>
    <message>
        <source>The plan dates this session {day}.</source>
        <translation>Le plan fixe cette séance au {day}.</translation>
    </message>
    <message>
        <source>The reflection period after the consultation and consent ends {day}.</source>
        <translation>Le délai de réflexion après la consultation et le consentement prend fin le {day}.</translation>
    </message>
    <message>
        <source>The screening deferred this procedure until {day}.</source>
        <translation>Le questionnaire médical a reporté cet acte jusqu&apos;au {day}.</translation>
    </message>
    <message>
        <source>The law requires a detailed quote (devis) signed by the patient first: issue it in the Documents tab and record the signature.</source>
        <translation>La loi impose d&apos;abord un devis détaillé signé par le patient : établissez-le dans l&apos;onglet Documents et enregistrez la signature.</translation>
    </message>
    <message>
        <source>The quote {number} is not signed yet: record the patient&apos;s signature in the Documents tab.</source>
        <translation>Le devis {number} n&apos;est pas encore signé : enregistrez la signature du patient dans l&apos;onglet Documents.</translation>
    </message>
    <message>
        <source>The first session ({start}) is before {until}: the law requires {days} days after the signed quote, counted from a quote signed today.</source>
        <translation>La première séance ({start}) est prévue avant le {until} : la loi impose {days} jours après la signature du devis, comptés ici à partir d&apos;un devis signé aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>The first session ({start}) is before {until}: the law requires {days} days after the quote signed on {signed}.</source>
        <translation>La première séance ({start}) est prévue avant le {until} : la loi impose {days} jours après le devis signé le {signed}.</translation>
    </message>
    <message>
        <source>Quote signed on {signed}: not before {until} (legal wait).</source>
        <translation>Devis signé le {signed} : pas avant le {until} (délai légal).</translation>
    </message>
    <message>
        <source>Quote {number} not signed yet.</source>
        <translation>Devis {number} pas encore signé.</translation>
    </message>
    <message>
        <source>Quote (devis) to issue and sign first.</source>
        <translation>Devis à établir et à faire signer d&apos;abord.</translation>
    </message>
    <message>
        <source>No legal quote or waiting period is added for this country.</source>
        <translation>Aucun devis ni délai légal n&apos;est ajouté pour ce pays.</translation>
    </message>
    <message>
        <source>{name}: a detailed quote (devis) signed by the patient first.</source>
        <translation>{name} : devis détaillé signé par le patient au préalable.</translation>
    </message>
    <message>
        <source>{name}: a detailed quote (devis) signed by the patient from {amount}.</source>
        <translation>{name} : devis détaillé signé par le patient à partir de {amount}.</translation>
    </message>
    <message>
        <source>Then {days} days before the first session, which no one can waive.</source>
        <translation>Puis un délai de {days} jours avant la première séance, qui ne peut être supprimé.</translation>
    </message>
    <message>
        <source>Then {days} days before the first session.</source>
        <translation>Puis un délai de {days} jours avant la première séance.</translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message>
        <source>The clinic server cannot be reached. Keep working: what you type stays on screen, but nothing can be saved until the server is back. Reconnecting…</source>
        <translation>Le serveur du cabinet est injoignable. Continuez : ce que vous saisissez reste à l&apos;écran, mais rien ne peut être enregistré avant son retour. Reconnexion…</translation>
    </message>
    <message>
        <source>The clinic server is back: saving works again.</source>
        <translation>Le serveur du cabinet est de retour : l&apos;enregistrement fonctionne à nouveau.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
</context>
<context>
    <name>LotLookupDialog</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Né(e) le</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Acte</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Péremption</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Find patients by product lot</source>
        <translation>Rechercher les patients par lot de produit</translation>
    </message>
    <message>
        <source>Lot number, as printed on the product</source>
        <translation>Numéro de lot, tel qu&apos;imprimé sur le produit</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Lot:</source>
        <translation>Lot :</translation>
    </message>
    <message>
        <source>Spaces, dashes and capitals are ignored, so HA 2291 finds ha-2291 too.</source>
        <translation>Les espaces, tirets et majuscules sont ignorés : HA 2291 trouve aussi ha-2291.</translation>
    </message>
    <message>
        <source>Double-click a row to open the patient&apos;s record.</source>
        <translation>Double-cliquez sur une ligne pour ouvrir le dossier du patient.</translation>
    </message>
    <message>
        <source>No patient has received lot {lot}.</source>
        <translation>Aucun patient n&apos;a reçu le lot {lot}.</translation>
    </message>
    <message>
        <source>Lot {lot}: {p} patient(s), {n} session(s).</source>
        <translation>Lot {lot} : {p} patient(s), {n} séance(s).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Find a patient: name, date of birth or phone</source>
        <translation>Rechercher un patient : nom, date de naissance ou téléphone</translation>
    </message>
    <message>
        <source>Show archived patients</source>
        <translation>Afficher les patients archivés</translation>
    </message>
    <message>
        <source>Clinic server: {server} · this workstation: {name}</source>
        <translation>Serveur du cabinet : {server} · ce poste : {name}</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>Base de données : {path}</translation>
    </message>
    <message>
        <source>in memory</source>
        <translation>en mémoire</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>&amp;Patient</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Nouveau patient…</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Rechercher un patient</translation>
    </message>
    <message>
        <source>&amp;Edit details…</source>
        <translation>&amp;Modifier la fiche…</translation>
    </message>
    <message>
        <source>&amp;Archive / unarchive</source>
        <translation>&amp;Archiver / désarchiver</translation>
    </message>
    <message>
        <source>&amp;Consultation…</source>
        <translation>&amp;Consultation…</translation>
    </message>
    <message>
        <source>&amp;About Rejuv Desktop</source>
        <translation>À &amp;propos de Rejuv Desktop</translation>
    </message>
    <message>
        <source>Search waits for the clinic server</source>
        <translation>La recherche attend le serveur du cabinet</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>{n} trouvé(s)</translation>
    </message>
    <message>
        <source>{n} patients</source>
        <translation>Patients : {n}</translation>
    </message>
    <message>
        <source>Archive patient</source>
        <translation>Archiver le patient</translation>
    </message>
    <message>
        <source>Archive this patient? The record is kept and can be brought back; it is hidden from the list unless &apos;Show archived patients&apos; is ticked.</source>
        <translation>Archiver ce patient ? Le dossier est conservé et peut être rétabli ; il est masqué de la liste sauf si « Afficher les patients archivés » est coché.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Consultation finalised.</source>
        <translation>Consultation validée.</translation>
    </message>
    <message>
        <source>Amend consultation</source>
        <translation>Rectifier la consultation</translation>
    </message>
    <message>
        <source>Why is this consultation being amended? (kept with the amendment)</source>
        <translation>Pourquoi cette consultation est-elle rectifiée ? (conservé avec la rectification)</translation>
    </message>
    <message>
        <source>{name} — last saved {when}</source>
        <translation>{name} — enregistrée le {when}</translation>
    </message>
    <message>
        <source>Unfinished consultations</source>
        <translation>Consultations inachevées</translation>
    </message>
    <message>
        <source>These consultations were not finalised. Resume one now?</source>
        <translation>Ces consultations n&apos;ont pas été validées. En reprendre une maintenant ?</translation>
    </message>
    <message>
        <source>Changes cannot be saved: {why}</source>
        <translation>Les modifications ne peuvent pas être enregistrées : {why}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Connecté : {name}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Journal d&apos;audit…</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Sauvegarder maintenant…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Backup &amp;folder…</source>
        <translation>&amp;Dossier des sauvegardes…</translation>
    </message>
    <message>
        <source>Enter the clinic&apos;s recovery &amp;code…</source>
        <translation>Saisir le &amp;code de récupération du cabinet…</translation>
    </message>
    <message>
        <source>E&amp;xport patient records…</source>
        <translation>E&amp;xporter le dossier du patient…</translation>
    </message>
    <message>
        <source>Help for this screen</source>
        <translation>Aide sur cet écran</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>&amp;Import patients…</source>
        <translation>&amp;Importer des patients…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Verrouiller maintenant</translation>
    </message>
    <message>
        <source>Locked. Patient data is hidden; nothing you were doing has been lost.</source>
        <translation>Verrouillé. Les données des patients sont masquées ; rien de ce que vous faisiez n&apos;est perdu.</translation>
    </message>
    <message>
        <source>Sign &amp;out / switch practitioner</source>
        <translation>Se &amp;déconnecter / changer de praticien</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Due ({n})</source>
        <translation>À faire ({n})</translation>
    </message>
    <message>
        <source>Find patients by product &amp;lot…</source>
        <translation>Rechercher les patients par &amp;lot de produit…</translation>
    </message>
    <message>
        <source>Procedure &amp;sessions</source>
        <translation>&amp;Séances</translation>
    </message>
    <message>
        <source>&amp;Due follow-ups</source>
        <translation>Suivis à &amp;faire</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Assess…</source>
        <translation>Évaluer…</translation>
    </message>
    <message>
        <source>Complication…</source>
        <translation>Complication…</translation>
    </message>
    <message>
        <source>&amp;Outcomes</source>
        <translation>&amp;Résultats</translation>
    </message>
    <message>
        <source>Record a &amp;complication…</source>
        <translation>Consigner une &amp;complication…</translation>
    </message>
    <message>
        <source>&amp;Outcomes…</source>
        <translation>&amp;Résultats…</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>Royaume-Uni</translation>
    </message>
    <message>
        <source>Ireland</source>
        <translation>Irlande</translation>
    </message>
    <message>
        <source>France</source>
        <translation>France</translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation>Belgique</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Allemagne</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>Espagne</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>Italie</translation>
    </message>
    <message>
        <source>Netherlands</source>
        <translation>Pays-Bas</translation>
    </message>
    <message>
        <source>Portugal</source>
        <translation>Portugal</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>Suisse</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>États-Unis</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>Canada</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>Australie</translation>
    </message>
    <message>
        <source>New Zealand</source>
        <translation>Nouvelle-Zélande</translation>
    </message>
    <message>
        <source>Another country</source>
        <translation>Autre pays</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Non renseigné</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femme</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Homme</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Patient record</source>
        <translation>Dossier patient</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Paramètre</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan de traitement</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Liste de contrôle</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Product lot</source>
        <translation>Lot de produit</translation>
    </message>
    <message>
        <source>Account lockout</source>
        <translation>Blocage de compte</translation>
    </message>
    <message>
        <source>Screening verdict</source>
        <translation>Conclusion du questionnaire médical</translation>
    </message>
    <message>
        <source>Hand assessment</source>
        <translation>Évaluation des mains</translation>
    </message>
    <message>
        <source>Session entry</source>
        <translation>Saisie de séance</translation>
    </message>
    <message>
        <source>Session product</source>
        <translation>Produit de séance</translation>
    </message>
    <message>
        <source>Document scan</source>
        <translation>Scan de document</translation>
    </message>
    <message>
        <source>Follow-up assessment</source>
        <translation>Évaluation de suivi</translation>
    </message>
    <message>
        <source>Complication</source>
        <translation>Complication</translation>
    </message>
    <message>
        <source>Photograph</source>
        <translation>Photographie</translation>
    </message>
    <message>
        <source>Photograph consent</source>
        <translation>Consentement photographique</translation>
    </message>
    <message>
        <source>{record} {id}: created</source>
        <translation>{record} {id} : création</translation>
    </message>
    <message>
        <source>{record} {id}: changed</source>
        <translation>{record} {id} : modification</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>{name} (doctor)</source>
        <translation>{name} (médecin)</translation>
    </message>
</context>
<context>
    <name>OutcomeSummaryDialog</name>
    <message>
        <source>Outcome summary</source>
        <translation>Bilan des résultats</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Save the outcome summary</source>
        <translation>Enregistrer le bilan des résultats</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>The file could not be written: {why}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {why}</translation>
    </message>
</context>
<context>
    <name>OutcomesAuditDialog</name>
    <message>
        <source>Outcomes audit</source>
        <translation>Audit des résultats</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>All procedures</source>
        <translation>Tous les actes</translation>
    </message>
    <message>
        <source>All practitioners</source>
        <translation>Tous les praticiens</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Sessions {period}. Bars: the clinic&apos;s rate; whiskers: its 95% interval (Wilson); ◆ the published figure. Pale bars rest on fewer than {n} cases.</source>
        <translation>Séances {period}. Barres : le taux du cabinet ; moustaches : son intervalle à 95 % (Wilson) ; ◆ la valeur publiée. Les barres pâles reposent sur moins de {n} cas.</translation>
    </message>
    <message>
        <source>from {a} to {b}</source>
        <translation>du {a} au {b}</translation>
    </message>
    <message>
        <source>from {a}</source>
        <translation>à partir du {a}</translation>
    </message>
    <message>
        <source>up to {b}</source>
        <translation>jusqu&apos;au {b}</translation>
    </message>
    <message>
        <source>of every date</source>
        <translation>de toutes dates</translation>
    </message>
    <message>
        <source>none due yet</source>
        <translation>aucune encore due</translation>
    </message>
    <message>
        <source>{done} of {due} seen</source>
        <translation>{done} vu(s) sur {due}</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Rien n&apos;est encore consigné.</translation>
    </message>
    <message>
        <source>published figure</source>
        <translation>valeur publiée</translation>
    </message>
    <message>
        <source>{procedure}: {n} session(s)</source>
        <translation>{procedure} : {n} séance(s)</translation>
    </message>
    <message>
        <source>Merz responders: hands at least one grade better than at baseline</source>
        <translation>Répondeurs Merz : mains d&apos;au moins un grade meilleures qu&apos;au départ</translation>
    </message>
    <message>
        <source>{n} of {total} hands · {seen}</source>
        <translation>{n} mains sur {total} · {seen}</translation>
    </message>
    <message>
        <source>GAIS &quot;improved&quot; or better</source>
        <translation>GAIS « amélioré » ou mieux</translation>
    </message>
    <message>
        <source>practitioner</source>
        <translation>praticien</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>patient</translation>
    </message>
    <message>
        <source>{n} of {total} · {seen}</source>
        <translation>{n} sur {total} · {seen}</translation>
    </message>
    <message>
        <source>Satisfied, and touch-up wanted</source>
        <translation>Satisfaits, et retouche souhaitée</translation>
    </message>
    <message>
        <source>satisfied, {m}</source>
        <translation>satisfaits, {m}</translation>
    </message>
    <message>
        <source>touch-up wanted</source>
        <translation>retouche souhaitée</translation>
    </message>
    <message>
        <source>{n} of {total} asked</source>
        <translation>{n} sur {total} interrogés</translation>
    </message>
    <message>
        <source>Complications per session</source>
        <translation>Complications par séance</translation>
    </message>
    <message>
        <source>any complication</source>
        <translation>toute complication</translation>
    </message>
    <message>
        <source>{n} of {total} sessions</source>
        <translation>{n} séances sur {total}</translation>
    </message>
    <message>
        <source>By baseline Merz grade (worse hand for sessions and visits)</source>
        <translation>Par grade de Merz initial (main la plus atteinte pour les séances et visites)</translation>
    </message>
    <message>
        <source>Responders, {m} months</source>
        <translation>Répondeurs, {m} mois</translation>
    </message>
    <message>
        <source>GAIS improved ({rater}), {m} months</source>
        <translation>GAIS amélioré ({rater}), {m} mois</translation>
    </message>
    <message>
        <source>Satisfied, {m} months</source>
        <translation>Satisfaits, {m} mois</translation>
    </message>
    <message>
        <source>Any complication per session</source>
        <translation>Toute complication par séance</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>ne sait pas</translation>
    </message>
    <message>
        <source>grade {g}</source>
        <translation>grade {g}</translation>
    </message>
    <message>
        <source>Export the audit</source>
        <translation>Exporter l&apos;audit</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Non exporté</translation>
    </message>
    <message>
        <source>The file could not be written: {why}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {why}</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exporté dans {path}.</translation>
    </message>
</context>
<context>
    <name>OutcomesTab</name>
    <message>
        <source>Outcomes</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Record complication…</source>
        <translation>Consigner une complication…</translation>
    </message>
    <message>
        <source>Resolved…</source>
        <translation>Résolue…</translation>
    </message>
    <message>
        <source>Outcome summary…</source>
        <translation>Bilan des résultats…</translation>
    </message>
    <message>
        <source>Merz grade of each hand (0 no loss, 4 very severe; higher on the chart is better)</source>
        <translation>Grade de Merz de chaque main (0 aucune perte, 4 très sévère ; plus haut sur le graphique = mieux)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>initial</translation>
    </message>
    <message>
        <source>No Merz grade recorded yet.</source>
        <translation>Aucun grade de Merz n&apos;est encore consigné.</translation>
    </message>
    <message>
        <source>Baseline ({procedure})</source>
        <translation>Initial ({procedure})</translation>
    </message>
    <message>
        <source>Merz grade: {grades}</source>
        <translation>Grade de Merz : {grades}</translation>
    </message>
    <message>
        <source>Complication: {what}</source>
        <translation>Complication : {what}</translation>
    </message>
    <message>
        <source>lot {lot}</source>
        <translation>lot {lot}</translation>
    </message>
    <message>
        <source>regulator</source>
        <translation>l&apos;autorité sanitaire</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>le fabricant</translation>
    </message>
    <message>
        <source>reported to the {whom}</source>
        <translation>déclarée à {whom}</translation>
    </message>
    <message>
        <source> and the </source>
        <translation> et à </translation>
    </message>
    <message>
        <source>Complication resolved: {what}</source>
        <translation>Complication résolue : {what}</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>New patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <source>Edit patient</source>
        <translation>Modifier la fiche patient</translation>
    </message>
    <message>
        <source>Given name *</source>
        <translation>Prénom *</translation>
    </message>
    <message>
        <source>Family name *</source>
        <translation>Nom *</translation>
    </message>
    <message>
        <source>Date of birth *</source>
        <translation>Date de naissance *</translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Langue préférée</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Non évalué</translation>
    </message>
    <message>
        <source>Skin type</source>
        <translation>Phototype</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Veuillez corriger les champs signalés en rouge.</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Veuillez vérifier</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>Enregistrer quand même ?</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>this patient&apos;s details</source>
        <translation>les coordonnées de ce patient</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Naissance</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation> (archivé)</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>Archived {when} · SHA-256 {sha}…</source>
        <translation>Archivé le {when} · SHA-256 {sha}…</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>Préparation de l&apos;aperçu…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>Signer…</translation>
    </message>
    <message>
        <source>Printing {number}…</source>
        <translation>Impression de {number}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Impression</translation>
    </message>
    <message>
        <source>Printing {number}: page {n} of {total}…</source>
        <translation>Impression de {number} : page {n} sur {total}…</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Non imprimé</translation>
    </message>
    <message>
        <source>The document could not be printed: {why}</source>
        <translation>Le document n&apos;a pas pu être imprimé : {why}</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Enregistrer une copie</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>The file could not be written: {why}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {why}</translation>
    </message>
</context>
<context>
    <name>PhotoAnswers</name>
    <message>
        <source>Photographs: the patient&apos;s answer to each use *</source>
        <translation>Photographies : réponse du patient pour chaque usage *</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>PhotoConsentBox</name>
    <message>
        <source>Photo consent</source>
        <translation>Consentement photographique</translation>
    </message>
    <message>
        <source>Leave the boxes empty to tick on paper</source>
        <translation>Laissez les cases vides pour les cocher sur papier</translation>
    </message>
</context>
<context>
    <name>PhotoIntake</name>
    <message>
        <source>Add photographs</source>
        <translation>Ajouter des photographies</translation>
    </message>
    <message>
        <source>Photographs (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC)</source>
        <translation>Photographies (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC)</translation>
    </message>
    <message>
        <source>Taking in {name}…</source>
        <translation>Import de {name}…</translation>
    </message>
    <message>
        <source>{name} taken in as “{view}”.</source>
        <translation>{name} importée comme « {view} ».</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message numerus="yes">
        <source>%n new photograph(s) in the import folder. Take them in for this patient as the view chosen above?</source>
        <translation>
            <numerusform>%n nouvelle photographie dans le dossier d&apos;import. L&apos;importer pour ce patient avec la vue choisie ci-dessus ?</numerusform>
            <numerusform>%n nouvelles photographies dans le dossier d&apos;import. Les importer pour ce patient avec la vue choisie ci-dessus ?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoMenus</name>
    <message>
        <source>Photographs: {name}</source>
        <translation>Photographies : {name}</translation>
    </message>
    <message>
        <source>Photographs…</source>
        <translation>Photographies…</translation>
    </message>
    <message>
        <source>Take or import the baseline photographs of the hands; the consultation stays open</source>
        <translation>Prendre ou importer les photographies initiales des mains ; la consultation reste ouverte</translation>
    </message>
    <message>
        <source>Photographs</source>
        <translation>Photographies</translation>
    </message>
    <message>
        <source>Photo import folder (where the camera or the phone&apos;s sync puts new photographs)</source>
        <translation>Dossier d&apos;import des photos (où l&apos;appareil photo ou la synchronisation du téléphone dépose les nouvelles photographies)</translation>
    </message>
    <message>
        <source>&amp;Photographs</source>
        <translation>&amp;Photographies</translation>
    </message>
    <message>
        <source>Photo &amp;import folder…</source>
        <translation>Dossier d&apos;&amp;import des photos…</translation>
    </message>
</context>
<context>
    <name>PhotoWords</name>
    <message>
        <source>fat transfer</source>
        <translation>lipofilling</translation>
    </message>
    <message>
        <source>mesotherapy</source>
        <translation>mésothérapie</translation>
    </message>
    <message>
        <source>consent given</source>
        <translation>consentement donné</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>consent withdrawn</source>
        <translation>consentement retiré</translation>
    </message>
    <message>
        <source>consent expired</source>
        <translation>consentement expiré</translation>
    </message>
    <message>
        <source>not asked yet</source>
        <translation>pas encore demandé</translation>
    </message>
    <message>
        <source>clinical record</source>
        <translation>dossier médical</translation>
    </message>
    <message>
        <source>teaching</source>
        <translation>enseignement</translation>
    </message>
    <message>
        <source>marketing</source>
        <translation>communication</translation>
    </message>
    <message>
        <source>Baseline ({procedure})</source>
        <translation>Initial ({procedure})</translation>
    </message>
    <message>
        <source>Session {n} ({procedure})</source>
        <translation>Séance {n} ({procedure})</translation>
    </message>
    <message>
        <source>End of the course, session {n} ({procedure})</source>
        <translation>Fin du traitement, séance {n} ({procedure})</translation>
    </message>
    <message>
        <source>{visit} ({procedure})</source>
        <translation>{visit} ({procedure})</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>This is a HEIC photo (from a phone), which this installation cannot read. Export it as JPEG, or ask for the HEIC plug-in (pillow-heif) to be installed.</source>
        <translation>C&apos;est une photo HEIC (prise avec un téléphone), que cette installation ne sait pas lire. Exportez-la en JPEG, ou faites installer le module HEIC (pillow-heif).</translation>
    </message>
    <message>
        <source>This image is too large to be a photograph.</source>
        <translation>Cette image est trop grande pour être une photographie.</translation>
    </message>
    <message>
        <source>This file is not a photograph the app can read (JPEG, PNG or HEIC).</source>
        <translation>Ce fichier n&apos;est pas une photographie lisible par l&apos;application (JPEG, PNG ou HEIC).</translation>
    </message>
    <message>
        <source>This photograph is already in the patient&apos;s record (photo {id}).</source>
        <translation>Cette photographie figure déjà au dossier du patient (photo {id}).</translation>
    </message>
    <message>
        <source>The patient has not consented to photographs for the clinical record ({why}). Record their consent first, or their refusal.</source>
        <translation>Le patient n&apos;a pas consenti aux photographies pour le dossier médical ({why}). Consignez d&apos;abord son consentement, ou son refus.</translation>
    </message>
    <message>
        <source>Choose one of the standard views.</source>
        <translation>Choisissez l&apos;une des vues standard.</translation>
    </message>
    <message>
        <source>That session or visit is not this patient&apos;s.</source>
        <translation>Cette séance ou cette visite n&apos;appartient pas à ce patient.</translation>
    </message>
    <message>
        <source>A photograph belongs to a session or to a visit, not both.</source>
        <translation>Une photographie se rattache à une séance ou à une visite, pas aux deux.</translation>
    </message>
    <message>
        <source>Write the reason.</source>
        <translation>Indiquez le motif.</translation>
    </message>
    <message>
        <source>This photograph is already archived.</source>
        <translation>Cette photographie est déjà archivée.</translation>
    </message>
    <message>
        <source>This consent was already withdrawn.</source>
        <translation>Ce consentement a déjà été retiré.</translation>
    </message>
    <message>
        <source>The expiry date has already passed.</source>
        <translation>La date d&apos;échéance est déjà passée.</translation>
    </message>
    <message>
        <source>Choose the photographs first.</source>
        <translation>Choisissez d&apos;abord les photographies.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n photograph(s) have no consent to {use} in force. Record the patient&apos;s consent for each photograph first.</source>
        <translation>
            <numerusform>Rien n&apos;a été exporté : %n photographie n&apos;a pas de consentement en cours pour l&apos;usage « {use} ». Consignez d&apos;abord le consentement du patient pour chaque photographie.</numerusform>
            <numerusform>Rien n&apos;a été exporté : %n photographies n&apos;ont pas de consentement en cours pour l&apos;usage « {use} ». Consignez d&apos;abord le consentement du patient pour chaque photographie.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} cannot be read.</source>
        <translation>{name} est illisible.</translation>
    </message>
</context>
<context>
    <name>PhotosTab</name>
    <message>
        <source>Consent to photographs</source>
        <translation>Consentement aux photographies</translation>
    </message>
    <message>
        <source>The patient consents to photographs for the clinical record</source>
        <translation>Le patient consent aux photographies pour le dossier médical</translation>
    </message>
    <message>
        <source>The patient refuses photographs (record the refusal)…</source>
        <translation>Le patient refuse les photographies (consigner le refus)…</translation>
    </message>
    <message>
        <source>The patient withdraws consent…</source>
        <translation>Le patient retire son consentement…</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vue</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Rattachée à</translation>
    </message>
    <message>
        <source>Add photographs…</source>
        <translation>Ajouter des photographies…</translation>
    </message>
    <message>
        <source>Open photographs (JPEG, PNG, HEIC), or drop them here from the file manager</source>
        <translation>Ouvrir des photographies (JPEG, PNG, HEIC), ou les déposer ici depuis le gestionnaire de fichiers</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Vue :</translation>
    </message>
    <message>
        <source>Belongs to:</source>
        <translation>Rattachée à :</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Afficher les archivées</translation>
    </message>
    <message>
        <source>Take them in</source>
        <translation>Les importer</translation>
    </message>
    <message>
        <source>Not for this patient</source>
        <translation>Pas pour ce patient</translation>
    </message>
    <message>
        <source>No photographs yet. Choose the view above, then Add photographs…, or drop the files here.</source>
        <translation>Aucune photographie pour l&apos;instant. Choisissez la vue ci-dessus, puis Ajouter des photographies…, ou déposez les fichiers ici.</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Comparer…</translation>
    </message>
    <message>
        <source>Compare a view at two dates: choose two photographs of one view, or one</source>
        <translation>Comparer une vue à deux dates : choisissez deux photographies d&apos;une même vue, ou une seule</translation>
    </message>
    <message>
        <source>Consent to use…</source>
        <translation>Consentement à l&apos;usage…</translation>
    </message>
    <message>
        <source>The patient&apos;s consent to this photograph&apos;s use for teaching or marketing, with its expiry</source>
        <translation>Le consentement du patient à l&apos;usage de cette photographie pour l&apos;enseignement ou la communication, avec son échéance</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Anonymous copies for teaching or marketing (only photographs with that consent)</source>
        <translation>Copies anonymes pour l&apos;enseignement ou la communication (seulement les photographies ayant ce consentement)</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archiver…</translation>
    </message>
    <message>
        <source>Photographs for the clinical record: consent given.</source>
        <translation>Photographies pour le dossier médical : consentement donné.</translation>
    </message>
    <message>
        <source>Photographs for the clinical record: {why}. No photograph can be taken in.</source>
        <translation>Photographies pour le dossier médical : {why}. Aucune photographie ne peut être importée.</translation>
    </message>
    <message>
        <source>No photographs are due: the patient&apos;s refusal is recorded.</source>
        <translation>Aucune photographie à prendre : le refus du patient est consigné.</translation>
    </message>
    <message>
        <source>No photographs are due.</source>
        <translation>Aucune photographie à prendre.</translation>
    </message>
    <message>
        <source>Photographs due:</source>
        <translation>Photographies à prendre :</translation>
    </message>
    <message>
        <source>Consultation or no visit</source>
        <translation>Consultation ou hors visite</translation>
    </message>
    <message>
        <source>Session {n} ({procedure}), {day}</source>
        <translation>Séance {n} ({procedure}), {day}</translation>
    </message>
    <message>
        <source>Visit: {label}, {day}</source>
        <translation>Visite : {label}, {day}</translation>
    </message>
    <message>
        <source>illustration</source>
        <translation>illustration</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archivée</translation>
    </message>
    <message>
        <source>Photo {id} · {w}×{h} · taken {when}</source>
        <translation>Photo {id} · {w}×{h} · prise le {when}</translation>
    </message>
    <message>
        <source>Archived: {why}</source>
        <translation>Archivée : {why}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;: {text}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; : {text}</translation>
    </message>
    <message>
        <source>Last time, {day}: frame the new photograph the same way</source>
        <translation>La dernière fois, le {day} : cadrez la nouvelle photographie de la même façon</translation>
    </message>
    <message>
        <source>Refusal of photographs</source>
        <translation>Refus des photographies</translation>
    </message>
    <message>
        <source>The patient refuses photographs. Anything to note (kept with the refusal)?</source>
        <translation>Le patient refuse les photographies. Une remarque à noter (conservée avec le refus) ?</translation>
    </message>
    <message>
        <source>Withdrawal of consent</source>
        <translation>Retrait du consentement</translation>
    </message>
    <message>
        <source>Why is consent to photographs withdrawn? (kept with the withdrawal; no new photograph can be taken in afterwards)</source>
        <translation>Pourquoi le consentement aux photographies est-il retiré ? (conservé avec le retrait ; aucune nouvelle photographie ne pourra être importée ensuite)</translation>
    </message>
    <message>
        <source>Export for teaching or marketing</source>
        <translation>Export pour l&apos;enseignement ou la communication</translation>
    </message>
    <message>
        <source>Use:</source>
        <translation>Usage :</translation>
    </message>
    <message>
        <source>Folder for the anonymous copies</source>
        <translation>Dossier des copies anonymes</translation>
    </message>
    <message numerus="yes">
        <source>%n anonymous copie(s) written to {folder}: no name in the files or their metadata.</source>
        <translation>
            <numerusform>%n copie anonyme enregistrée dans {folder} : aucun nom dans le fichier ni dans ses métadonnées.</numerusform>
            <numerusform>%n copies anonymes enregistrées dans {folder} : aucun nom dans les fichiers ni dans leurs métadonnées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Archive photograph</source>
        <translation>Archiver la photographie</translation>
    </message>
    <message>
        <source>Why is this photograph archived? It is kept, hidden from the gallery, never deleted.</source>
        <translation>Pourquoi cette photographie est-elle archivée ? Elle est conservée, masquée dans la galerie, jamais supprimée.</translation>
    </message>
    <message>
        <source>To compare, the same view is needed on two different days.</source>
        <translation>Pour comparer, il faut la même vue à deux dates différentes.</translation>
    </message>
</context>
<context>
    <name>Phrases</name>
    <message>
        <source>volume loss</source>
        <translation>perte de volume</translation>
    </message>
    <message>
        <source>prominent veins</source>
        <translation>veines saillantes</translation>
    </message>
    <message>
        <source>prominent tendons</source>
        <translation>tendons saillants</translation>
    </message>
    <message>
        <source>crepey skin</source>
        <translation>peau crêpée</translation>
    </message>
    <message>
        <source>dryness</source>
        <translation>sécheresse</translation>
    </message>
    <message>
        <source>loss of elasticity</source>
        <translation>perte d&apos;élasticité</translation>
    </message>
    <message>
        <source>age spots (lentigines)</source>
        <translation>taches de vieillesse (lentigos)</translation>
    </message>
    <message>
        <source>other concern</source>
        <translation>autre motif</translation>
    </message>
    <message>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>fat transfer</source>
        <translation>lipofilling</translation>
    </message>
    <message>
        <source>mesotherapy</source>
        <translation>mésothérapie</translation>
    </message>
    <message>
        <source>hydration</source>
        <translation>hydratation</translation>
    </message>
    <message>
        <source>elasticity</source>
        <translation>élasticité</translation>
    </message>
    <message>
        <source>texture</source>
        <translation>texture</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>Crepey</source>
        <translation>crêpée</translation>
    </message>
    <message>
        <source>insufficient</source>
        <translation>insuffisante</translation>
    </message>
    <message>
        <source>limited</source>
        <translation>limitée</translation>
    </message>
    <message>
        <source>see the screening</source>
        <translation>voir le questionnaire médical</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>a few</source>
        <translation>quelques-unes</translation>
    </message>
    <message>
        <source>many</source>
        <translation>nombreuses</translation>
    </message>
    <message>
        <source>Hyaluronic-acid or calcium hydroxylapatite filler is the non-surgical alternative for volume.</source>
        <translation>Les produits de comblement à base d&apos;acide hyaluronique ou d&apos;hydroxyapatite de calcium sont l&apos;alternative non chirurgicale pour le volume.</translation>
    </message>
    <message>
        <source>The alternative for volume is a hyaluronic-acid or calcium hydroxylapatite filler, if it is safe for this patient.</source>
        <translation>L&apos;alternative pour le volume est un produit de comblement à base d&apos;acide hyaluronique ou d&apos;hydroxyapatite de calcium, s&apos;il ne présente pas de risque pour ce patient.</translation>
    </message>
    <message>
        <source>Fillers are not an alternative for this patient: a bleeding or clotting disorder rules them out.</source>
        <translation>Les produits de comblement ne sont pas une alternative pour ce patient : un trouble de l&apos;hémostase ou de la coagulation les contre-indique.</translation>
    </message>
    <message>
        <source>Refer to a dermatologist to assess the suspicious spot before any treatment of the hands. Nothing else is recommended until the spot has been cleared.</source>
        <translation>Adresser à un dermatologue pour évaluer la lésion suspecte avant tout traitement des mains. Rien d&apos;autre n&apos;est proposé tant que la lésion n&apos;a pas été jugée bénigne.</translation>
    </message>
    <message>
        <source>Fat transfer is not feasible: there is not enough fat to harvest. {filler}</source>
        <translation>Le lipofilling n&apos;est pas réalisable : la graisse disponible au prélèvement est insuffisante. {filler}</translation>
    </message>
    <message>
        <source>Fat transfer is not recommended: screening rules it out. {filler}</source>
        <translation>Le lipofilling n&apos;est pas recommandé : le questionnaire médical l&apos;exclut. {filler}</translation>
    </message>
    <message>
        <source>Fat transfer to the backs of the hands to restore volume, after the wait: {waits}. {filler}</source>
        <translation>Lipofilling du dos des mains pour restaurer le volume, après le délai d&apos;attente : {waits}. {filler}</translation>
    </message>
    <message>
        <source>Fat transfer to the backs of the hands to restore volume. {filler}</source>
        <translation>Lipofilling du dos des mains pour restaurer le volume. {filler}</translation>
    </message>
    <message>
        <source>Donor fat is limited: about 2 mL is harvested for each 1 mL injected, and the usual volume is about {low} to {high} mL per hand. Confirm enough can be harvested, or plan a filler.</source>
        <translation>La graisse disponible est limitée : on prélève environ 2 mL pour 1 mL injecté, et le volume habituel est d&apos;environ {low} à {high} mL par main. Vérifiez que le prélèvement suffira, ou prévoyez un produit de comblement.</translation>
    </message>
    <message>
        <source>Volume loss is mild: fat transfer is not indicated now. Both hands are below the clinic&apos;s threshold of Merz grade {grade} for volume treatment, a figure {borrowed_from}.</source>
        <translation>La perte de volume est légère : le lipofilling n&apos;est pas indiqué pour l&apos;instant. Les deux mains sont sous le seuil du cabinet, grade de Merz {grade}, pour un traitement du volume, une valeur {borrowed_from}.</translation>
    </message>
    <message>
        <source>Grade both hands on the Merz scale before deciding on volume treatment.</source>
        <translation>Cotez les deux mains sur l&apos;échelle de Merz avant de décider d&apos;un traitement du volume.</translation>
    </message>
    <message>
        <source>Mesotherapy is not recommended: screening rules it out. No other treatment for skin quality is advised for now; this can be reviewed if the reason no longer applies.</source>
        <translation>La mésothérapie n&apos;est pas recommandée : le questionnaire médical l&apos;exclut. Aucun autre traitement de la qualité de la peau n&apos;est conseillé pour l&apos;instant ; à réévaluer si le motif disparaît.</translation>
    </message>
    <message>
        <source>A series of hand mesotherapy sessions to improve skin hydration, elasticity and texture, after the wait: {waits}.</source>
        <translation>Une série de séances de mésothérapie des mains pour améliorer l&apos;hydratation, l&apos;élasticité et la texture de la peau, après le délai d&apos;attente : {waits}.</translation>
    </message>
    <message>
        <source>A series of hand mesotherapy sessions to improve skin hydration, elasticity and texture.</source>
        <translation>Une série de séances de mésothérapie des mains pour améliorer l&apos;hydratation, l&apos;élasticité et la texture de la peau.</translation>
    </message>
    <message>
        <source>Mesotherapy alone is not enough for these concerns: it restores no volume and does not change how visible veins and tendons are.</source>
        <translation>La mésothérapie seule ne suffit pas pour ces motifs : elle ne restaure pas le volume et ne modifie pas la visibilité des veines et des tendons.</translation>
    </message>
    <message>
        <source>Combined protocol: fat transfer for volume and a mesotherapy series for skin quality.</source>
        <translation>Protocole combiné : lipofilling pour le volume et série de mésothérapie pour la qualité de la peau.</translation>
    </message>
    <message>
        <source>Fat transfer needs extra care for the screening points found: anything not known is confirmed first, and the reason to go ahead is recorded (a justification, doctor&apos;s letter or counselling note).</source>
        <translation>Le lipofilling demande des précautions pour les points relevés au questionnaire médical : ce qui est inconnu est d&apos;abord vérifié, et le motif de poursuivre est consigné (justification, courrier du médecin ou note d&apos;information).</translation>
    </message>
    <message>
        <source>Mesotherapy needs extra care for the screening points found: anything not known is confirmed first, and the reason to go ahead is recorded (a justification, doctor&apos;s letter or counselling note).</source>
        <translation>La mésothérapie demande des précautions pour les points relevés au questionnaire médical : ce qui est inconnu est d&apos;abord vérifié, et le motif de poursuivre est consigné (justification, courrier du médecin ou note d&apos;information).</translation>
    </message>
    <message>
        <source>Screening has not been recorded for {procedures}: complete it before treatment.</source>
        <translation>Le questionnaire médical n&apos;a pas été renseigné pour {procedures} : complétez-le avant tout traitement.</translation>
    </message>
    <message>
        <source>{recommendation}</source>
        <translation>{recommendation}</translation>
    </message>
    <message>
        <source>{recommendation}, after the wait: {waits}.</source>
        <translation>{recommendation}, après le délai d&apos;attente : {waits}.</translation>
    </message>
    <message>
        <source>{label} needs extra care for the screening points found: anything not known is confirmed first, and the reason to go ahead is recorded (a justification, doctor&apos;s letter or counselling note).</source>
        <translation>{label} demande des précautions pour les points relevés au questionnaire médical : ce qui est inconnu est d&apos;abord vérifié, et le motif de poursuivre est consigné (justification, courrier du médecin ou note d&apos;information).</translation>
    </message>
    <message>
        <source>Refer for the age spots (lentigines): pigment laser, IPL or topical tretinoin. Mesotherapy does not treat them.</source>
        <translation>Orienter pour les taches de vieillesse (lentigos) : laser pigmentaire, lumière pulsée ou trétinoïne topique. La mésothérapie ne les traite pas.</translation>
    </message>
    <message>
        <source>Other concern noted: assess and discuss it separately; these rules do not cover it.</source>
        <translation>Autre motif noté : à évaluer et discuter séparément ; ces règles ne le couvrent pas.</translation>
    </message>
    <message>
        <source>No finding calls for fat transfer or mesotherapy.</source>
        <translation>Aucun élément n&apos;indique un lipofilling ou une mésothérapie.</translation>
    </message>
    <message>
        <source>{concerns} with Merz grade {left} / {right}</source>
        <translation>{concerns}, grade de Merz {left} / {right}</translation>
    </message>
    <message>
        <source>{grade} ({side})</source>
        <translation>{grade} ({side})</translation>
    </message>
    <message>
        <source>not graded ({side})</source>
        <translation>non coté ({side})</translation>
    </message>
    <message>
        <source>Donor fat: {value}</source>
        <translation>Graisse disponible : {value}</translation>
    </message>
    <message>
        <source>Screening: {reason}</source>
        <translation>Questionnaire médical : {reason}</translation>
    </message>
    <message>
        <source>{value} {scale} ({side})</source>
        <translation>{scale} {value} ({side})</translation>
    </message>
    <message>
        <source>Clinic threshold: {label}, {grade} (evidence [{evidence}])</source>
        <translation>Seuil du cabinet : {label}, {grade} (niveau de preuve [{evidence}])</translation>
    </message>
    <message>
        <source>Suspicious spot on the back of the hand</source>
        <translation>Lésion suspecte sur le dos de la main</translation>
    </message>
    <message>
        <source>Age spots (lentigines)</source>
        <translation>Taches de vieillesse (lentigos)</translation>
    </message>
    <message>
        <source>Other concern</source>
        <translation>Autre motif</translation>
    </message>
    <message>
        <source>Because: {findings}</source>
        <translation>Motifs : {findings}</translation>
    </message>
    <message>
        <source>{n}: {target}</source>
        <translation>{n} : {target}</translation>
    </message>
    <message>
        <source>{n}: {target} (between {earliest} and {latest})</source>
        <translation>{n} : {target} (entre le {earliest} et le {latest})</translation>
    </message>
</context>
<context>
    <name>PlanBox</name>
    <message>
        <source> session(s)</source>
        <translation> séance(s)</translation>
    </message>
    <message>
        <source> days apart</source>
        <translation> jours d&apos;intervalle</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalle</translation>
    </message>
    <message>
        <source>First session</source>
        <translation>Première séance</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Series length and interval are clinic settings from practice, not from published trials.</source>
        <translation>Le nombre de séances et l&apos;intervalle sont des réglages du cabinet issus de la pratique, non d&apos;essais publiés.</translation>
    </message>
    <message>
        <source>Deferred ({waits}): planned under the doctor&apos;s override.</source>
        <translation>Reporté ({waits}) : prévu sur dérogation du médecin.</translation>
    </message>
    <message>
        <source>Deferred ({waits}): the first session can be on {day} or later.</source>
        <translation>Reporté ({waits}) : la première séance peut avoir lieu le {day} ou après.</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Plan</source>
        <translation>Plan de traitement</translation>
    </message>
    <message>
        <source>Sessions and intervals come from the procedure protocols; adjust them within the allowed range.</source>
        <translation>Les séances et intervalles viennent des protocoles des actes ; ajustez-les dans les limites permises.</translation>
    </message>
    <message>
        <source>No procedure is planned: {why}</source>
        <translation>Aucun acte n&apos;est prévu : {why}</translation>
    </message>
    <message>
        <source> It would need a doctor&apos;s reason to start that day.</source>
        <translation> Commencer ce jour-là demanderait un motif écrit d&apos;un médecin.</translation>
    </message>
</context>
<context>
    <name>PlannedBox</name>
    <message>
        <source>What is planned (printed on the form)</source>
        <translation>Ce qui est prévu (imprimé sur le formulaire)</translation>
    </message>
    <message>
        <source>the product&apos;s name, as on its box</source>
        <translation>le nom du produit, comme sur la boîte</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Autre…</translation>
    </message>
    <message>
        <source>where the fat is taken from</source>
        <translation>où la graisse est prélevée</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>The file could not be written: {problem}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {problem}</translation>
    </message>
    <message>
        <source>The print queue refused the document: {problem}</source>
        <translation>La file d&apos;impression a refusé le document : {problem}</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>code de sortie {code}</translation>
    </message>
    <message>
        <source>The document could not be read for printing.</source>
        <translation>Le document n&apos;a pas pu être lu pour l&apos;impression.</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>L&apos;imprimante n&apos;a pas pu être démarrée.</translation>
    </message>
</context>
<context>
    <name>ProcedureChoice</name>
    <message>
        <source>The recommendation does not support this procedure: why is it planned? *</source>
        <translation>La proposition thérapeutique ne retient pas cet acte : pourquoi est-il prévu ? *</translation>
    </message>
    <message>
        <source>The reason, stored with your name and shown on the summary</source>
        <translation>Le motif, enregistré avec votre nom et repris dans le compte rendu</translation>
    </message>
    <message>
        <source>Doctor&apos;s reason to plan it despite the deferral (printed on the consent)</source>
        <translation>Motif du médecin pour le prévoir malgré le report (imprimé sur le consentement)</translation>
    </message>
    <message>
        <source>see the screening</source>
        <translation>voir le questionnaire médical</translation>
    </message>
    <message>
        <source>Deferred: {waits}. It cannot be planned before a new screening, unless a doctor records an override.</source>
        <translation>Reporté : {waits}. Il ne peut pas être prévu avant un nouveau questionnaire médical, sauf dérogation consignée par un médecin.</translation>
    </message>
    <message>
        <source>Deferred: {waits}. The first session can be on {day} or later, or earlier with a doctor&apos;s override.</source>
        <translation>Reporté : {waits}. La première séance peut avoir lieu le {day} ou après, ou plus tôt sur dérogation d&apos;un médecin.</translation>
    </message>
    <message>
        <source>Doctor&apos;s override: why plan it now despite the deferral *</source>
        <translation>Dérogation du médecin : pourquoi le prévoir maintenant malgré le report *</translation>
    </message>
    <message>
        <source>Doctor&apos;s override, only to plan it before the wait ends: why</source>
        <translation>Dérogation du médecin, uniquement pour le prévoir avant la fin du délai : pourquoi</translation>
    </message>
    <message>
        <source>Only a doctor can override a deferral: ask a doctor to sign in.</source>
        <translation>Seul un médecin peut déroger à un report : demandez à un médecin de se connecter.</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>Your clinic</source>
        <translation>Votre cabinet</translation>
    </message>
    <message>
        <source>Printed at the top of every consent form and aftercare sheet. You can change it later.</source>
        <translation>Imprimé en tête de chaque consentement et de chaque fiche de soins. Vous pourrez le modifier plus tard.</translation>
    </message>
    <message>
        <source>Clinic name *</source>
        <translation>Nom du cabinet *</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Phone *</source>
        <translation>Téléphone *</translation>
    </message>
    <message>
        <source>Logo (optional PNG)</source>
        <translation>Logo (PNG facultatif)</translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation>Choisir un logo…</translation>
    </message>
    <message>
        <source>Document language</source>
        <translation>Langue des documents</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Clinic logo</source>
        <translation>Logo du cabinet</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>Votre compte</translation>
    </message>
    <message>
        <source>The first account administers the app. Your name and registration number appear on the documents you issue.</source>
        <translation>Le premier compte administre le logiciel. Votre nom et votre numéro d&apos;inscription figurent sur les documents que vous émettez.</translation>
    </message>
    <message>
        <source>Full name *</source>
        <translation>Nom complet *</translation>
    </message>
    <message>
        <source>Title (Dr, Nurse…)</source>
        <translation>Titre (Dr, IDE…)</translation>
    </message>
    <message>
        <source>Registration number</source>
        <translation>Numéro RPPS / d&apos;inscription</translation>
    </message>
    <message>
        <source>Password *</source>
        <translation>Mot de passe *</translation>
    </message>
    <message>
        <source>Password again *</source>
        <translation>Confirmer le mot de passe *</translation>
    </message>
    <message>
        <source>I am a registered medical doctor (may override a screening deferral or start a session early, with a written reason)</source>
        <translation>Je suis médecin inscrit à l&apos;Ordre (je peux lever un report du questionnaire médical ou avancer une séance, motif écrit à l&apos;appui)</translation>
    </message>
</context>
<context>
    <name>RecommendationPage</name>
    <message>
        <source>Recommendation</source>
        <translation>Proposition thérapeutique</translation>
    </message>
    <message>
        <source>What the findings point to, and why. Choose what you and the patient agree to plan.</source>
        <translation>Ce qu&apos;indiquent les constatations, et pourquoi. Choisissez ce que vous décidez de prévoir avec le patient.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan de traitement</translation>
    </message>
    <message>
        <source>No procedure chosen: say why (recorded with the consultation)</source>
        <translation>Aucun acte choisi : indiquez pourquoi (consigné avec la consultation)</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (recommandé)</translation>
    </message>
    <message>
        <source> (contraindicated)</source>
        <translation> (contre-indiqué)</translation>
    </message>
    <message>
        <source> (not recommended)</source>
        <translation> (non recommandé)</translation>
    </message>
    <message>
        <source> (deferred)</source>
        <translation> (reporté)</translation>
    </message>
    <message>
        <source>Contraindicated: cannot be planned</source>
        <translation>Contre-indiqué : ne peut pas être prévu</translation>
    </message>
    <message>
        <source>Deferred until something resolves: only a doctor can plan it now, with a written override</source>
        <translation>Reporté jusqu&apos;à résolution : seul un médecin peut le prévoir maintenant, sur dérogation écrite</translation>
    </message>
    <message>
        <source>Choose a procedure to plan, or say why none is planned.</source>
        <translation>Choisissez un acte à prévoir, ou indiquez pourquoi aucun n&apos;est prévu.</translation>
    </message>
</context>
<context>
    <name>RecordPane</name>
    <message>
        <source>Select a patient on the left, or press Ctrl+N to add one.</source>
        <translation>Sélectionnez un patient à gauche, ou appuyez sur Ctrl+N pour en ajouter un.</translation>
    </message>
    <message>
        <source>Archived: hidden from the patient list</source>
        <translation>Archivé : masqué dans la liste des patients</translation>
    </message>
    <message>
        <source>Edit details…</source>
        <translation>Modifier la fiche…</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Fitzpatrick type</source>
        <translation>Phototype de Fitzpatrick</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label} :</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Born {dob} · {age} years · record {id}</source>
        <translation>Né(e) le {dob} · {age} ans · dossier {id}</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Désarchiver</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiver</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePage</name>
    <message>
        <source>Recovery code</source>
        <translation>Code de récupération</translation>
    </message>
    <message>
        <source>Write this code down now: it is shown only once.</source>
        <translation>Notez ce code maintenant : il n&apos;est affiché qu&apos;une seule fois.</translation>
    </message>
    <message>
        <source>Every change to a record is kept in an audit trail sealed with a key kept on this computer, outside the database file. If the clinic moves to another computer, enter this code there (&lt;i&gt;rejuv-desktop recovery-code&lt;/i&gt;) so the trail can still be verified. Keep it on paper, apart from the computer: whoever has it could reseal an altered trail.</source>
        <translation>Chaque modification d&apos;un dossier est conservée dans un journal d&apos;audit scellé par une clé gardée sur cet ordinateur, hors du fichier de la base. Si le cabinet change d&apos;ordinateur, saisissez ce code sur le nouveau (&lt;i&gt;rejuv-desktop recovery-code&lt;/i&gt;) pour que le journal reste vérifiable. Conservez-le sur papier, à l&apos;écart de l&apos;ordinateur : qui le détient pourrait resceller un journal altéré.</translation>
    </message>
    <message>
        <source>I have written the recovery code down</source>
        <translation>J&apos;ai noté le code de récupération</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Reschedule visit</source>
        <translation>Reporter la visite</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Du :</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Au :</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Complication resolved</source>
        <translation>Complication résolue</translation>
    </message>
    <message>
        <source>Resolved on:</source>
        <translation>Résolue le :</translation>
    </message>
    <message>
        <source>Treatment:</source>
        <translation>Traitement :</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <source>Scan of the signed form: {name}</source>
        <translation>Scan du formulaire signé : {name}</translation>
    </message>
    <message>
        <source>Archived {when} · SHA-256 {sha}</source>
        <translation>Archivé le {when} · SHA-256 {sha}</translation>
    </message>
    <message>
        <source>This image cannot be shown; use Save as… to open it elsewhere.</source>
        <translation>Cette image ne peut pas être affichée ; utilisez Enregistrer sous… pour l&apos;ouvrir ailleurs.</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Enregistrer une copie</translation>
    </message>
    <message>
        <source>The file could not be written: {why}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {why}</translation>
    </message>
</context>
<context>
    <name>Screening</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Ne sait pas</translation>
    </message>
    <message>
        <source>Hands page</source>
        <translation>page Mains</translation>
    </message>
    <message>
        <source>Concerns page</source>
        <translation>page Motifs</translation>
    </message>
    <message>
        <source>Answered from the {page}: change it there.</source>
        <translation>Réponse issue de la {page} : modifiez-la là.</translation>
    </message>
    <message>
        <source>evidence: {grade}; clinic-set level, to confirm</source>
        <translation>niveau de preuve : {grade} ; niveau fixé par le cabinet, à confirmer</translation>
    </message>
    <message>
        <source>evidence: {grade}</source>
        <translation>niveau de preuve : {grade}</translation>
    </message>
    <message>
        <source>From the {page}.</source>
        <translation>Issu de la {page}.</translation>
    </message>
    <message>
        <source>Why the procedures differ: {note}</source>
        <translation>Pourquoi les actes diffèrent : {note}</translation>
    </message>
</context>
<context>
    <name>ScreeningPage</name>
    <message>
        <source>Medical history and screening</source>
        <translation>Antécédents et questionnaire médical</translation>
    </message>
    <message>
        <source>Ask each question. Answer “Not known” when the patient cannot say: it is never treated as a no.</source>
        <translation>Posez chaque question. Répondez « Ne sait pas » quand le patient ne peut pas répondre : ce n&apos;est jamais compté comme un non.</translation>
    </message>
    <message>
        <source>Show it</source>
        <translation>Afficher</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) not answered, starting with: {q}</source>
        <translation>
            <numerusform>%n question sans réponse : {q}</numerusform>
            <numerusform>%n questions sans réponse, à commencer par : {q}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServiceMessages</name>
    <message>
        <source>A phone number patients can call out of hours (at least 6 digits), or leave empty</source>
        <translation>Un numéro que les patients peuvent appeler en dehors des heures d&apos;ouverture (au moins 6 chiffres), ou laissez vide</translation>
    </message>
    <message>
        <source>Attach the scan or photo of the signed paper form</source>
        <translation>Joignez le scan ou la photo du formulaire signé sur papier</translation>
    </message>
    <message>
        <source>Between 0 and 90 days</source>
        <translation>Entre 0 et 90 jours</translation>
    </message>
    <message>
        <source>Between 1 and 240 minutes</source>
        <translation>Entre 1 et 240 minutes</translation>
    </message>
    <message>
        <source>Cannot be in the future</source>
        <translation>Ne peut pas être dans le futur</translation>
    </message>
    <message>
        <source>Choose English (en) or French (fr)</source>
        <translation>Choisissez anglais (en) ou français (fr)</translation>
    </message>
    <message>
        <source>Choose English or French</source>
        <translation>Choisissez anglais ou français</translation>
    </message>
    <message>
        <source>Choose a PDF, JPEG or PNG file</source>
        <translation>Choisissez un fichier PDF, JPEG ou PNG</translation>
    </message>
    <message>
        <source>Choose a PNG image</source>
        <translation>Choisissez une image PNG</translation>
    </message>
    <message>
        <source>Choose a type from I to VI</source>
        <translation>Choisissez un phototype de I à VI</translation>
    </message>
    <message>
        <source>Choose female, male, other or leave it empty</source>
        <translation>Choisissez femme, homme, autre, ou laissez vide</translation>
    </message>
    <message>
        <source>Choose one</source>
        <translation>Choisissez une option</translation>
    </message>
    <message>
        <source>Choose practitioner or administrator</source>
        <translation>Choisissez praticien ou administrateur</translation>
    </message>
    <message>
        <source>Choose signed on screen or on paper</source>
        <translation>Choisissez signé à l&apos;écran ou sur papier</translation>
    </message>
    <message>
        <source>Choose the anaesthetic</source>
        <translation>Choisissez l&apos;anesthésie</translation>
    </message>
    <message>
        <source>Choose the clinic&apos;s country</source>
        <translation>Choisissez le pays du cabinet</translation>
    </message>
    <message>
        <source>Choose the date of the first session</source>
        <translation>Choisissez la date de la première séance</translation>
    </message>
    <message>
        <source>Choose the left hand, the right hand or both</source>
        <translation>Choisissez la main gauche, la main droite ou les deux</translation>
    </message>
    <message>
        <source>Choose the procedure(s) to plan, or say why none is planned</source>
        <translation>Choisissez le ou les actes à planifier, ou indiquez pourquoi aucun ne l&apos;est</translation>
    </message>
    <message>
        <source>Choose witness or interpreter</source>
        <translation>Choisissez témoin ou interprète</translation>
    </message>
    <message>
        <source>Confirm the Fitzpatrick skin type</source>
        <translation>Confirmez le phototype de Fitzpatrick</translation>
    </message>
    <message>
        <source>Describe the other concern</source>
        <translation>Précisez l&apos;autre motif</translation>
    </message>
    <message>
        <source>Digits, spaces and + ( ) - . / only, at least 6 digits</source>
        <translation>Chiffres, espaces et + ( ) - . / uniquement, au moins 6 chiffres</translation>
    </message>
    <message>
        <source>Draw the signature first</source>
        <translation>Faites d&apos;abord signer dans le cadre</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>Fichier introuvable</translation>
    </message>
    <message>
        <source>Must be a number</source>
        <translation>Doit être un nombre</translation>
    </message>
    <message>
        <source>Must be a whole number of at least 1</source>
        <translation>Doit être un nombre entier, au moins 1</translation>
    </message>
    <message>
        <source>Must be between 0.01% and 100%</source>
        <translation>Doit être entre 0,01 % et 100 %</translation>
    </message>
    <message>
        <source>Must not contain control characters or line breaks</source>
        <translation>Ne doit contenir ni caractère de contrôle ni retour à la ligne</translation>
    </message>
    <message>
        <source>Name the product</source>
        <translation>Indiquez le produit</translation>
    </message>
    <message>
        <source>No anaesthetic is recorded</source>
        <translation>Aucune anesthésie n&apos;est consignée</translation>
    </message>
    <message>
        <source>Not a possible date of birth (over 130 years ago)</source>
        <translation>Date de naissance impossible (il y a plus de 130 ans)</translation>
    </message>
    <message>
        <source>Not an email address (name@example.org)</source>
        <translation>Adresse e-mail invalide (nom@exemple.fr)</translation>
    </message>
    <message>
        <source>Note why the expectations are not realistic</source>
        <translation>Notez pourquoi les attentes ne sont pas réalistes</translation>
    </message>
    <message>
        <source>Record the patient&apos;s yes or no for each use of photographs</source>
        <translation>Consignez le oui ou le non du patient pour chaque usage des photographies</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Required: patients call this number when something is wrong</source>
        <translation>Obligatoire : les patients appellent ce numéro en cas de problème</translation>
    </message>
    <message>
        <source>Say where the fat is taken from</source>
        <translation>Indiquez où la graisse est prélevée</translation>
    </message>
    <message>
        <source>Say whether the expectations are realistic</source>
        <translation>Indiquez si les attentes sont réalistes</translation>
    </message>
    <message>
        <source>Say why the consultation is being amended</source>
        <translation>Indiquez pourquoi la consultation est modifiée par avenant</translation>
    </message>
    <message>
        <source>Say why the session is stopped</source>
        <translation>Indiquez pourquoi la séance est interrompue</translation>
    </message>
    <message>
        <source>Say why the visit is cancelled</source>
        <translation>Indiquez pourquoi la visite est annulée</translation>
    </message>
    <message>
        <source>Say why the visit is moved</source>
        <translation>Indiquez pourquoi la visite est reportée</translation>
    </message>
    <message>
        <source>Sign in, or draw the practitioner&apos;s signature</source>
        <translation>Connectez-vous, ou dessinez la signature du praticien</translation>
    </message>
    <message>
        <source>The emergency number is 2 to 4 digits, e.g. 112, 999 or 15</source>
        <translation>Le numéro d&apos;urgence compte 2 à 4 chiffres, par exemple 112 ou 15</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>Le fichier est vide</translation>
    </message>
    <message>
        <source>The image is too large (at most 2 MB)</source>
        <translation>L&apos;image est trop grande (2 Mo au plus)</translation>
    </message>
    <message>
        <source>The new window ends before it starts</source>
        <translation>La nouvelle fenêtre se termine avant de commencer</translation>
    </message>
    <message>
        <source>The two passwords differ</source>
        <translation>Les deux mots de passe sont différents</translation>
    </message>
    <message>
        <source>The visit date cannot be in the future</source>
        <translation>La date de la visite ne peut pas être dans le futur</translation>
    </message>
    <message>
        <source>The window ends before it starts</source>
        <translation>La fenêtre se termine avant de commencer</translation>
    </message>
    <message>
        <source>This procedure is a single session: there is no interval</source>
        <translation>Cet acte se fait en une seule séance : il n&apos;y a pas d&apos;intervalle</translation>
    </message>
    <message>
        <source>Tick at least one concern</source>
        <translation>Cochez au moins un motif</translation>
    </message>
    <message>
        <source>Tick what the product contains</source>
        <translation>Cochez ce que contient le produit</translation>
    </message>
    <message>
        <source>Type the lot number to look for</source>
        <translation>Saisissez le numéro de lot à rechercher</translation>
    </message>
    <message>
        <source>Unknown ingredient</source>
        <translation>Composant inconnu</translation>
    </message>
    <message>
        <source>Who witnessed the signature (or interpreted)?</source>
        <translation>Qui a été témoin de la signature (ou a interprété) ?</translation>
    </message>
    <message>
        <source>Write the reason for going over the maximum dose</source>
        <translation>Indiquez le motif du dépassement de la dose maximale</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <source>The window locked itself after a time without activity. Patient data is hidden; nothing you were doing has been lost.</source>
        <translation>La fenêtre s&apos;est verrouillée après un temps d&apos;inactivité. Les données des patients sont masquées ; rien de ce que vous faisiez n&apos;est perdu.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Signed out. Sign in to continue.</source>
        <translation>Déconnecté. Connectez-vous pour continuer.</translation>
    </message>
</context>
<context>
    <name>SessionRunner</name>
    <message>
        <source>{procedure} — {patient}</source>
        <translation>{procedure} — {patient}</translation>
    </message>
    <message>
        <source>{patient} · born {dob} · session of {day} · started by {who}</source>
        <translation>{patient} · né(e) le {dob} · séance du {day} · commencée par {who}</translation>
    </message>
    <message>
        <source>Hands treated:</source>
        <translation>Mains traitées :</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Weight today:</source>
        <translation>Poids du jour :</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <source>Signed consent on file</source>
        <translation>Consentement signé au dossier</translation>
    </message>
    <message>
        <source>Started early on a doctor&apos;s reason ({who}): {reason}</source>
        <translation>Commencée en avance sur motif médical ({who}) : {reason}</translation>
    </message>
    <message>
        <source>Stop the session…</source>
        <translation>Interrompre la séance…</translation>
    </message>
    <message>
        <source>Complete session</source>
        <translation>Terminer la séance</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>maintenance session</source>
        <translation>séance d&apos;entretien</translation>
    </message>
    <message>
        <source>session {n} of {total}</source>
        <translation>séance {n} sur {total}</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Interrompue</translation>
    </message>
    <message>
        <source>This record can no longer be changed.</source>
        <translation>Cet enregistrement ne peut plus être modifié.</translation>
    </message>
    <message>
        <source>&lt;li&gt;… and {n} more&lt;/li&gt;</source>
        <translation>&lt;li&gt;… et {n} de plus&lt;/li&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n still open before the session can be completed:</source>
        <translation>
            <numerusform>%n point reste à faire avant de pouvoir terminer la séance :</numerusform>
            <numerusform>%n points restent à faire avant de pouvoir terminer la séance :</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Everything required is recorded.&lt;/b&gt; The session can be completed.</source>
        <translation>&lt;b&gt;Tout ce qui est requis est consigné.&lt;/b&gt; La séance peut être terminée.</translation>
    </message>
    <message>
        <source>Weight: must be a number of kg</source>
        <translation>Poids : doit être un nombre de kg</translation>
    </message>
    <message>
        <source>Weight: {msg}</source>
        <translation>Poids : {msg}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Session not complete</source>
        <translation>Séance incomplète</translation>
    </message>
    <message>
        <source>The session cannot be completed yet. Still to do or correct:

{items}</source>
        <translation>La séance ne peut pas encore être terminée. Reste à faire ou à corriger :

{items}</translation>
    </message>
    <message>
        <source>Complete this session? It can no longer be changed afterwards, and its follow-up visits are scheduled.</source>
        <translation>Terminer cette séance ? Elle ne pourra plus être modifiée, et ses visites de contrôle seront programmées.</translation>
    </message>
    <message>
        <source>Session completed</source>
        <translation>Séance terminée</translation>
    </message>
    <message>
        <source>Session completed. Follow-up visits now on the Due list:

{visits}

Prepare the patient&apos;s aftercare sheet now?</source>
        <translation>Séance terminée. Visites de contrôle ajoutées à la liste « À faire » :

{visits}

Préparer maintenant la fiche de soins du patient ?</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Stop the session</source>
        <translation>Interrompre la séance</translation>
    </message>
    <message>
        <source>Why is the session stopped before the end? (kept with the record)</source>
        <translation>Pourquoi la séance est-elle interrompue avant la fin ? (conservé au dossier)</translation>
    </message>
    <message>
        <source>Not stopped</source>
        <translation>Non interrompue</translation>
    </message>
</context>
<context>
    <name>SessionWords</name>
    <message>
        <source>The plan dates this session {day}.</source>
        <translation>Le plan prévoit cette séance le {day}.</translation>
    </message>
    <message>
        <source>The reflection period after the consultation and consent ends {day}.</source>
        <translation>Le délai de réflexion après la consultation et le consentement se termine le {day}.</translation>
    </message>
    <message>
        <source>The screening deferred this procedure until {day}.</source>
        <translation>Le questionnaire médical a reporté cet acte au {day}.</translation>
    </message>
    <message>
        <source>{days} days must pass after the {name} session of {since} on the same hands (until {day}): {reason}</source>
        <translation>{days} jours doivent s&apos;écouler après la séance de {name} du {since} sur les mêmes mains (jusqu&apos;au {day}) : {reason}</translation>
    </message>
    <message>
        <source>A newer screening deferred this procedure until {day}.</source>
        <translation>Un questionnaire médical plus récent a reporté cet acte au {day}.</translation>
    </message>
    <message>
        <source>The series is done: the maintenance session is due from {day}.</source>
        <translation>La série est terminée : la séance d&apos;entretien est prévue à partir du {day}.</translation>
    </message>
    <message>
        <source>The first {name} session ({start}) is before the end of the {days}-day reflection period ({end}): it needs a doctor&apos;s written reason to start early</source>
        <translation>La première séance de {name} ({start}) tombe avant la fin du délai de réflexion de {days} jours ({end}) : elle ne peut commencer plus tôt que sur le motif écrit d&apos;un médecin</translation>
    </message>
    <message>
        <source>The screening of {day} found {name} contraindicated: this plan cannot go ahead. Sessions follow the newest screening: plan again in a new consultation when it allows.</source>
        <translation>Le questionnaire médical du {day} contre-indique cet acte ({name}) : ce plan ne peut pas être poursuivi. Les séances suivent le questionnaire le plus récent : replanifiez lors d&apos;une nouvelle consultation quand il le permettra.</translation>
    </message>
    <message>
        <source>The amendment of {day} to the consultation that made this plan no longer plans {name}: this plan does not continue. Plan it again in a new consultation if it should.</source>
        <translation>L&apos;avenant du {day} à la consultation qui a établi ce plan ne prévoit plus cet acte ({name}) : ce plan s&apos;arrête. Replanifiez-le lors d&apos;une nouvelle consultation s&apos;il y a lieu.</translation>
    </message>
    <message>
        <source>The screening of {day} deferred {name} ({waits}): this plan cannot go ahead until a new screening, or a doctor records an override in a consultation.</source>
        <translation>Le questionnaire médical du {day} a reporté cet acte ({name} ; {waits}) : ce plan ne peut pas être poursuivi avant un nouveau questionnaire, ou une dérogation consignée par un médecin lors d&apos;une consultation.</translation>
    </message>
    <message>
        <source>see the screening</source>
        <translation>voir le questionnaire médical</translation>
    </message>
    <message>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message numerus="yes">
        <source>Anaesthetic: {mg} mg in all (%n entry(ies))</source>
        <translation>
            <numerusform>Anesthésie : {mg} mg au total (%n injection)</numerusform>
            <numerusform>Anesthésie : {mg} mg au total (%n injections)</numerusform>
        </translation>
    </message>
    <message>
        <source>{label}: {values}</source>
        <translation>{label} : {values}</translation>
    </message>
    <message>
        <source>{product}: lot {lot}</source>
        <translation>{product} : lot {lot}</translation>
    </message>
    <message>
        <source>, expires {day}</source>
        <translation>, péremption {day}</translation>
    </message>
    <message>
        <source>the app</source>
        <translation>l&apos;application</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Commencer la séance</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Ouvrir la séance</translation>
    </message>
    <message>
        <source>Plan and sessions</source>
        <translation>Plan et séances</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <source>Follow-up visits</source>
        <translation>Visites de contrôle</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n session(s) planned from {start}</source>
        <translation>
            <numerusform>{title} : %n séance prévue à partir du {start}</numerusform>
            <numerusform>{title} : %n séances prévues à partir du {start}</numerusform>
        </translation>
    </message>
    <message>
        <source>{status} · {done} of {n} done</source>
        <translation>{status} · {done} sur {n} faite(s)</translation>
    </message>
    <message>
        <source>not before {day}</source>
        <translation>pas avant le {day}</translation>
    </message>
    <message>
        <source>Maintenance session</source>
        <translation>Séance d&apos;entretien</translation>
    </message>
    <message>
        <source>Session {n} of {total}</source>
        <translation>Séance {n} sur {total}</translation>
    </message>
    <message>
        <source>started early</source>
        <translation>commencée en avance</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>Started early on a doctor&apos;s reason ({who}): {reason}</source>
        <translation>Commencée en avance sur motif médical ({who}) : {reason}</translation>
    </message>
    <message>
        <source>No session yet.</source>
        <translation>Aucune séance pour le moment.</translation>
    </message>
    <message>
        <source>No procedure is planned: plan one in a consultation.</source>
        <translation>Aucun acte n&apos;est prévu : prévoyez-en un lors d&apos;une consultation.</translation>
    </message>
    <message>
        <source>Resume session</source>
        <translation>Reprendre la séance</translation>
    </message>
    <message>
        <source>A session of this plan is in progress.</source>
        <translation>Une séance de ce plan est en cours.</translation>
    </message>
    <message>
        <source>Next: session {n} of {total}.</source>
        <translation>Prochaine : séance {n} sur {total}.</translation>
    </message>
    <message>
        <source>Series done: the next session is a maintenance session.</source>
        <translation>Série terminée : la prochaine séance est une séance d&apos;entretien.</translation>
    </message>
    <message>
        <source>Not before {day}: {why}</source>
        <translation>Pas avant le {day} : {why}</translation>
    </message>
    <message>
        <source>All sessions of this plan are done.</source>
        <translation>Toutes les séances de ce plan sont faites.</translation>
    </message>
    <message>
        <source>Cannot start the session</source>
        <translation>Impossible de commencer la séance</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Only an administrator can change settings and accounts.</source>
        <translation>Seul un administrateur peut modifier les paramètres et les comptes.</translation>
    </message>
    <message>
        <source>Clinic name *</source>
        <translation>Nom du cabinet *</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Phone *</source>
        <translation>Téléphone *</translation>
    </message>
    <message>
        <source>Out-of-hours phone</source>
        <translation>Téléphone hors heures ouvrables</translation>
    </message>
    <message>
        <source>printed on aftercare sheets; the clinic phone when empty</source>
        <translation>imprimé sur les fiches de soins ; à défaut, le téléphone du cabinet</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Emergency number</source>
        <translation>Numéro d&apos;urgence</translation>
    </message>
    <message>
        <source>{number} (the default for this country)</source>
        <translation>{number} (par défaut pour ce pays)</translation>
    </message>
    <message>
        <source>optional PNG, printed in the document header</source>
        <translation>PNG facultatif, imprimé en tête des documents</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Default document language</source>
        <translation>Langue des documents par défaut</translation>
    </message>
    <message>
        <source>Reflection period before a first session (days)</source>
        <translation>Délai de réflexion avant une première séance (jours)</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Inscription</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Médecin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Add practitioner…</source>
        <translation>Ajouter un praticien…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>Définir le mot de passe…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Lift the lockout of an account locked after too many wrong passwords</source>
        <translation>Lever le blocage d&apos;un compte verrouillé après trop de mots de passe erronés</translation>
    </message>
    <message>
        <source>Practitioners</source>
        <translation>Praticiens</translation>
    </message>
    <message>
        <source>The language of the screens on this computer, for you; applied when Rejuv Desktop starts again</source>
        <translation>La langue des écrans sur cet ordinateur, pour vous ; appliquée au prochain démarrage de Rejuv Desktop</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l&apos;interface</translation>
    </message>
    <message>
        <source>Lock after (minutes without activity)</source>
        <translation>Verrouiller après (minutes d&apos;inactivité)</translation>
    </message>
    <message>
        <source>Others may take over a record left open after (minutes)</source>
        <translation>Reprise par un autre poste d&apos;un dossier resté ouvert après (minutes)</translation>
    </message>
    <message>
        <source>A consultation or a session open on one workstation cannot be edited on another. When that workstation has not renewed its hold for this long (switched off, or the app stopped), another may take it over; the take-over is kept in the audit trail.</source>
        <translation>Une consultation ou une séance ouverte sur un poste ne peut pas être modifiée sur un autre. Si ce poste n&apos;a pas renouvelé sa réservation depuis ce délai (éteint, ou application arrêtée), un autre poste peut la reprendre ; la reprise est conservée dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Clinical content</source>
        <translation>Contenu clinique</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>Ce poste</translation>
    </message>
    <message>
        <source>Clinic logo</source>
        <translation>Logo du cabinet</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>Bloqué jusqu&apos;à {time}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Not unlocked</source>
        <translation>Non débloqué</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Définir le mot de passe</translation>
    </message>
    <message>
        <source>New password for {name}</source>
        <translation>Nouveau mot de passe pour {name}</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Non modifié</translation>
    </message>
    <message>
        <source>The interface will be in {language} when Rejuv Desktop starts again.</source>
        <translation>L&apos;interface sera en {language} au prochain démarrage de Rejuv Desktop.</translation>
    </message>
    <message>
        <source>Rejuv Desktop will open the records {where} when it starts again.</source>
        <translation>Rejuv Desktop ouvrira les dossiers {where} au prochain démarrage.</translation>
    </message>
    <message>
        <source>on the clinic server {server}</source>
        <translation>sur le serveur du cabinet {server}</translation>
    </message>
    <message>
        <source>in the file on this computer</source>
        <translation>dans le fichier de cet ordinateur</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>Shown</name>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Nothing planned</source>
        <translation>Rien de prévu</translation>
    </message>
    <message>
        <source>Stopped (no treatment possible)</source>
        <translation>Arrêtée (aucun traitement possible)</translation>
    </message>
    <message>
        <source>Consultation of {when}</source>
        <translation>Consultation du {when}</translation>
    </message>
    <message>
        <source>By {who}</source>
        <translation>Par {who}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Amends consultation {id}&lt;/b&gt; — reason: {reason}</source>
        <translation>&lt;b&gt;Rectifie la consultation {id}&lt;/b&gt; — motif : {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Amended later&lt;/b&gt; by consultation {id}; this version is kept as it was.</source>
        <translation>&lt;b&gt;Rectifiée depuis&lt;/b&gt; par la consultation {id} ; cette version est conservée telle quelle.</translation>
    </message>
    <message>
        <source>Concerns and goals</source>
        <translation>Motifs et attentes</translation>
    </message>
    <message>
        <source>Expectations realistic</source>
        <translation>Attentes réalistes</translation>
    </message>
    <message>
        <source>Expectations not realistic</source>
        <translation>Attentes non réalistes</translation>
    </message>
    <message>
        <source>Expectations not assessed</source>
        <translation>Attentes non évaluées</translation>
    </message>
    <message>
        <source>Hands</source>
        <translation>Mains</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Merz grade</source>
        <translation>Grade de Merz</translation>
    </message>
    <message>
        <source>Hydration</source>
        <translation>Hydratation</translation>
    </message>
    <message>
        <source>Elasticity</source>
        <translation>Élasticité</translation>
    </message>
    <message>
        <source>Texture</source>
        <translation>Texture</translation>
    </message>
    <message>
        <source>Brown spots</source>
        <translation>Taches pigmentaires</translation>
    </message>
    <message>
        <source>Suspicious lesion</source>
        <translation>Lésion suspecte</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Fitzpatrick {type} · weight {weight} kg · donor fat {donor}</source>
        <translation>Phototype {type} · poids {weight} kg · graisse disponible {donor}</translation>
    </message>
    <message>
        <source>Screening verdict</source>
        <translation>Conclusion du questionnaire médical</translation>
    </message>
    <message>
        <source>evidence: {grade}</source>
        <translation>niveau de preuve : {grade}</translation>
    </message>
    <message>
        <source>; from the examination</source>
        <translation> ; d&apos;après l&apos;examen</translation>
    </message>
    <message>
        <source>Justification by {who} ({when}): {text}</source>
        <translation>Justification par {who} ({when}) : {text}</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Proposition thérapeutique</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan de traitement</translation>
    </message>
    <message>
        <source>, {days} days apart</source>
        <translation>, à {days} jours d&apos;intervalle</translation>
    </message>
    <message numerus="yes">
        <source>{procedure}: %n session(s){interval}, from {start}</source>
        <translation>
            <numerusform>{procedure} : %n séance{interval}, à partir du {start}</numerusform>
            <numerusform>{procedure} : %n séances{interval}, à partir du {start}</numerusform>
        </translation>
    </message>
    <message>
        <source>Deferral overridden by a doctor</source>
        <translation>Report levé par un médecin</translation>
    </message>
    <message>
        <source>Planned although not recommended</source>
        <translation>Prévu bien que non recommandé</translation>
    </message>
    <message>
        <source>Nothing planned. {reason}</source>
        <translation>Rien de prévu. {reason}</translation>
    </message>
    <message>
        <source>Screening answers (as asked that day)</source>
        <translation>Réponses au questionnaire médical (telles que posées ce jour-là)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>ne sait pas</translation>
    </message>
    <message>
        <source>Screening rules {id} version {version}</source>
        <translation>Règles du questionnaire {id} version {version}</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Sign quote {number}</source>
        <translation>Signer le devis {number}</translation>
    </message>
    <message>
        <source>Sign consent {number}</source>
        <translation>Signer le consentement {number}</translation>
    </message>
    <message>
        <source>The patient signs the quote handed over today: the waiting period the law sets counts from this signature.</source>
        <translation>Le patient signe le devis qui lui est remis ce jour : le délai légal court à partir de cette signature.</translation>
    </message>
    <message>
        <source>Before signing, the patient has read the form, had time to reflect and had their questions answered.</source>
        <translation>Avant de signer, le patient a lu le formulaire, a disposé d&apos;un délai de réflexion et a obtenu des réponses à ses questions.</translation>
    </message>
    <message>
        <source>Signed on screen</source>
        <translation>Signé à l&apos;écran</translation>
    </message>
    <message>
        <source>Signed on paper (the printed form)</source>
        <translation>Signé sur papier (le formulaire imprimé)</translation>
    </message>
    <message>
        <source>Your confirmation: the patient ticks each line *</source>
        <translation>Votre confirmation : le patient coche chaque ligne *</translation>
    </message>
    <message>
        <source>Patient&apos;s signature *</source>
        <translation>Signature du patient *</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>PDF, JPEG or PNG of every signed page</source>
        <translation>PDF, JPEG ou PNG de chaque page signée</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Choisir un fichier…</translation>
    </message>
    <message>
        <source>Scan of the signed form *</source>
        <translation>Scan du formulaire signé *</translation>
    </message>
    <message>
        <source>The ticks, initials and signature are on the paper form: the scan is archived beside the issued form, with its fingerprint.</source>
        <translation>Les cases, paraphes et signature sont sur le formulaire papier : le scan est archivé à côté du formulaire émis, avec son empreinte.</translation>
    </message>
    <message>
        <source>Name of the person present at the signing</source>
        <translation>Nom de la personne présente à la signature</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>Témoin</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Interprète</translation>
    </message>
    <message>
        <source>Witness or interpreter *</source>
        <translation>Témoin ou interprète *</translation>
    </message>
    <message>
        <source>Practitioner&apos;s countersignature *</source>
        <translation>Contreseing du praticien *</translation>
    </message>
    <message>
        <source>Confirm as {who}, with today&apos;s date and time</source>
        <translation>Confirmer en tant que {who}, à la date et l&apos;heure de ce jour</translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation>Personne n&apos;est connecté</translation>
    </message>
    <message>
        <source>Draw the practitioner&apos;s signature</source>
        <translation>Tracer la signature du praticien</translation>
    </message>
    <message>
        <source>Record signature</source>
        <translation>Enregistrer la signature</translation>
    </message>
    <message>
        <source>Scan or photo of the signed form</source>
        <translation>Scan ou photo du formulaire signé</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — {app}</source>
        <translation>Connexion — {app}</translation>
    </message>
    <message>
        <source>Locked — {app}</source>
        <translation>Verrouillé — {app}</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Se connecter sous un autre nom</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>Zone de signature</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>Signez ici</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The database is open in {who}. Switch to that window, or close it first.</source>
        <translation>La base de données est ouverte dans {who}. Passez à cette fenêtre, ou fermez-la d&apos;abord.</translation>
    </message>
    <message>
        <source>The database is open in {who}. Wait for it to finish, then open {app} again.</source>
        <translation>La base de données est ouverte dans {who}. Attendez la fin, puis rouvrez {app}.</translation>
    </message>
    <message>
        <source>The database failed its integrity check ({problem}). Close Rejuv Desktop and open it again: the damaged file will be set aside and a backup offered.</source>
        <translation>La base de données a échoué au contrôle d&apos;intégrité ({problem}). Fermez Rejuv Desktop et rouvrez-le : le fichier endommagé sera mis de côté et une sauvegarde proposée.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The clinic server cannot be used.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{why}&lt;/p&gt;&lt;p&gt;Check that the server is on and this computer is on the clinic&apos;s network, or change this workstation&apos;s connection.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Le serveur du cabinet ne peut pas être utilisé.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{why}&lt;/p&gt;&lt;p&gt;Vérifiez que le serveur est allumé et que cet ordinateur est sur le réseau du cabinet, ou modifiez la connexion de ce poste.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Change connection…</source>
        <translation>Modifier la connexion…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>This workstation will keep its records in a file on this computer from the next start.</source>
        <translation>À partir du prochain démarrage, ce poste gardera ses dossiers dans un fichier sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>StartupCheck</name>
    <message>
        <source>Checking the database after the last unclean exit. You can search and read records now; saving waits until the check is done.</source>
        <translation>Vérification de la base après une fermeture anormale. Vous pouvez dès maintenant rechercher et consulter les dossiers ; l&apos;enregistrement attend la fin de la vérification.</translation>
    </message>
    <message>
        <source>Database check done: the database is sound.</source>
        <translation>Vérification terminée : la base de données est intègre.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>prévue</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>remplacée</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>due</source>
        <translation>à faire</translation>
    </message>
    <message>
        <source>done</source>
        <translation>faite</translation>
    </message>
    <message>
        <source>rescheduled</source>
        <translation>reportée</translation>
    </message>
</context>
<context>
    <name>StepBox</name>
    <message>
        <source>invasive</source>
        <translation>invasif</translation>
    </message>
    <message>
        <source> (optional)</source>
        <translation> (facultatif)</translation>
    </message>
    <message>
        <source> (ticked by the photographs, or the refusal recorded)</source>
        <translation> (coché par les photographies, ou par le refus consigné)</translation>
    </message>
    <message>
        <source> (done by the app)</source>
        <translation> (fait par le logiciel)</translation>
    </message>
    <message>
        <source>Record a deviation…</source>
        <translation>Consigner un écart…</translation>
    </message>
    <message>
        <source>A required item deliberately not done: record why</source>
        <translation>Un point obligatoire volontairement non fait : consignez pourquoi</translation>
    </message>
    <message>
        <source>Left hand</source>
        <translation>Main gauche</translation>
    </message>
    <message>
        <source>Right hand</source>
        <translation>Main droite</translation>
    </message>
    <message>
        <source>Add an anaesthetic</source>
        <translation>Ajouter un anesthésique</translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation>Ajouter un produit</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>✓ Done</source>
        <translation>✓ Fait</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>{n} to do</source>
        <translation>{n} à faire</translation>
    </message>
    <message>
        <source>To correct</source>
        <translation>À corriger</translation>
    </message>
    <message>
        <source>Cannot start yet: {why}.</source>
        <translation>Ne peut pas encore commencer : {why}.</translation>
    </message>
    <message>
        <source>withdrawn: {who}</source>
        <translation>retiré : {who}</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>no entry</source>
        <translation>aucune saisie</translation>
    </message>
</context>
<context>
    <name>UseConsentDialog</name>
    <message>
        <source>Teaching and marketing consent</source>
        <translation>Consentement pour l&apos;enseignement et la communication</translation>
    </message>
    <message>
        <source>Photo {id}, {view}, {day}. Each use needs the patient&apos;s consent for this photograph; a withdrawal stops every later use.</source>
        <translation>Photo {id}, {view}, {day}. Chaque usage demande le consentement du patient pour cette photographie ; un retrait met fin à tout usage ultérieur.</translation>
    </message>
    <message>
        <source>Withdraw the selected consent…</source>
        <translation>Retirer le consentement sélectionné…</translation>
    </message>
    <message>
        <source>No expiry (until withdrawn)</source>
        <translation>Sans échéance (jusqu&apos;au retrait)</translation>
    </message>
    <message>
        <source>Where it may be shown (website, lectures…)</source>
        <translation>Où elle peut être montrée (site internet, conférences…)</translation>
    </message>
    <message>
        <source>Use:</source>
        <translation>Usage :</translation>
    </message>
    <message>
        <source>Until:</source>
        <translation>Jusqu&apos;au :</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Remarque :</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Consigner le consentement</translation>
    </message>
    <message>
        <source>{use}: given {when}</source>
        <translation>{use} : donné le {when}</translation>
    </message>
    <message>
        <source>, until {day}</source>
        <translation>, jusqu&apos;au {day}</translation>
    </message>
    <message>
        <source>, no expiry</source>
        <translation>, sans échéance</translation>
    </message>
    <message>
        <source> · withdrawn {when}: {why}</source>
        <translation> · retiré le {when} : {why}</translation>
    </message>
    <message>
        <source>Now, {use}: {state}</source>
        <translation>Actuellement, {use} : {state}</translation>
    </message>
    <message>
        <source>Choose the consent to withdraw in the list.</source>
        <translation>Choisissez dans la liste le consentement à retirer.</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <source>Why is this consent withdrawn?</source>
        <translation>Pourquoi ce consentement est-il retiré ?</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Eligible</source>
        <translation>Éligible</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>Précaution</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Contraindicated</source>
        <translation>Contre-indication</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>Your justification (or the doctor&apos;s letter you hold) — stored with your name *</source>
        <translation>Votre justification (ou le courrier du médecin en votre possession) — enregistrée avec votre nom *</translation>
    </message>
</context>
<context>
    <name>VerdictPage</name>
    <message>
        <source>Screening verdict</source>
        <translation>Conclusion du questionnaire médical</translation>
    </message>
    <message>
        <source>Each procedure&apos;s verdict with every reason behind it. A contraindicated procedure cannot be planned.</source>
        <translation>La conclusion pour chaque acte, avec tous ses motifs. Un acte contre-indiqué ne peut pas être prévu.</translation>
    </message>
</context>
<context>
    <name>VisitDoneDialog</name>
    <message>
        <source>Visit done</source>
        <translation>Visite faite</translation>
    </message>
    <message>
        <source>{visit} (due {window})</source>
        <translation>{visit} (prévue {window})</translation>
    </message>
    <message>
        <source>Seen early (before the window opened)</source>
        <translation>Vu en avance (avant l&apos;ouverture de la fenêtre)</translation>
    </message>
    <message>
        <source>Why the patient was seen early</source>
        <translation>Pourquoi le patient a été vu en avance</translation>
    </message>
    <message>
        <source>How it went (optional)</source>
        <translation>Déroulement (facultatif)</translation>
    </message>
    <message>
        <source>Seen on:</source>
        <translation>Vu le :</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <source>This visit&apos;s window opens on {day}: it cannot be marked done before then. If the patient was seen early, tick &quot;Seen early&quot; and say why.</source>
        <translation>La fenêtre de cette visite s&apos;ouvre le {day} : elle ne peut pas être marquée comme faite avant. Si le patient a été vu en avance, cochez « Vu en avance » et indiquez pourquoi.</translation>
    </message>
</context>
<context>
    <name>WeightCheck</name>
    <message>
        <source>Check the weight</source>
        <translation>Vérifiez le poids</translation>
    </message>
    <message>
        <source>{message}

The maximum anaesthetic dose is worked out from it. Save {kg} kg?</source>
        <translation>{message}

La dose maximale d&apos;anesthésique est calculée à partir de ce poids. Enregistrer {kg} kg ?</translation>
    </message>
    <message>
        <source>weighed today</source>
        <translation>pesé aujourd&apos;hui</translation>
    </message>
    <message>
        <source> (change confirmed)</source>
        <translation> (changement confirmé)</translation>
    </message>
    <message>
        <source>from {day}: weigh today</source>
        <translation>du {day} : pesez aujourd&apos;hui</translation>
    </message>
    <message>
        <source>from the consultation of {day}</source>
        <translation>de la consultation du {day}</translation>
    </message>
</context>
<context>
    <name>WhereRecordsDialog</name>
    <message>
        <source>Welcome to {app}</source>
        <translation>Bienvenue dans {app}</translation>
    </message>
    <message>
        <source>A clinic with one computer keeps its records in a file on it. A clinic with a reception desk and treatment rooms keeps them on the clinic server, which every workstation uses at once; the clinic&apos;s IT gives you its details.</source>
        <translation>Un cabinet équipé d&apos;un seul ordinateur garde ses dossiers dans un fichier sur celui-ci. Un cabinet avec un accueil et des salles de soins les garde sur le serveur du cabinet, que tous les postes utilisent en même temps ; l&apos;informatique du cabinet vous en donne les coordonnées.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Left hand</source>
        <translation>Main gauche</translation>
    </message>
    <message>
        <source>Right hand</source>
        <translation>Main droite</translation>
    </message>
    <message>
        <source>1 grade better</source>
        <translation>1 grade de mieux</translation>
    </message>
    <message>
        <source>{n} grades better</source>
        <translation>{n} grades de mieux</translation>
    </message>
    <message>
        <source>1 grade worse</source>
        <translation>1 grade de moins bien</translation>
    </message>
    <message>
        <source>{n} grades worse</source>
        <translation>{n} grades de moins bien</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1 mois</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n} mois</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Out of range</source>
        <translation>Hors limites</translation>
    </message>
    <message>
        <source>This visit does not ask it</source>
        <translation>Cette visite ne le demande pas</translation>
    </message>
    <message>
        <source>This hand was not treated</source>
        <translation>Cette main n&apos;a pas été traitée</translation>
    </message>
    <message>
        <source>Tick &quot;HAND-Q taken&quot; to record a score</source>
        <translation>Cochez « HAND-Q rempli » pour consigner un score</translation>
    </message>
    <message>
        <source>Too long</source>
        <translation>Trop long</translation>
    </message>
    <message>
        <source>Cannot be in the future</source>
        <translation>Ne peut pas être dans le futur</translation>
    </message>
    <message>
        <source>Cannot be before the session</source>
        <translation>Ne peut pas précéder la séance</translation>
    </message>
    <message>
        <source>Cannot be before the onset</source>
        <translation>Ne peut pas précéder le début</translation>
    </message>
    <message>
        <source>Tick to whom it was reported</source>
        <translation>Cochez à qui elle a été déclarée</translation>
    </message>
    <message>
        <source>Grade the left hand</source>
        <translation>Cotez la main gauche</translation>
    </message>
    <message>
        <source>Grade the right hand</source>
        <translation>Cotez la main droite</translation>
    </message>
    <message>
        <source>Enter the HAND-Q score</source>
        <translation>Saisissez le score HAND-Q</translation>
    </message>
    <message>
        <source>A HAND-Q score is {low:g} to {high:g}</source>
        <translation>Un score HAND-Q va de {low:g} à {high:g}</translation>
    </message>
    <message>
        <source>Ask whether a touch-up is wanted</source>
        <translation>Demandez si une retouche est souhaitée</translation>
    </message>
    <message>
        <source>Say what the complication is</source>
        <translation>Indiquez de quelle complication il s&apos;agit</translation>
    </message>
    <message>
        <source>Choose the session it follows</source>
        <translation>Choisissez la séance concernée</translation>
    </message>
    <message>
        <source>Merz grade: {grades}</source>
        <translation>Grade de Merz : {grades}</translation>
    </message>
    <message>
        <source>GAIS (practitioner): {v}</source>
        <translation>GAIS (praticien) : {v}</translation>
    </message>
    <message>
        <source>GAIS (patient): {v}</source>
        <translation>GAIS (patient) : {v}</translation>
    </message>
    <message>
        <source>Satisfaction: {v}</source>
        <translation>Satisfaction : {v}</translation>
    </message>
    <message>
        <source>Touch-up wanted: {v}</source>
        <translation>Retouche souhaitée : {v}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>HAND-Q taken, score {v}</source>
        <translation>HAND-Q rempli, score {v}</translation>
    </message>
    <message>
        <source>Notes: {v}</source>
        <translation>Notes : {v}</translation>
    </message>
    <message>
        <source>{type} ({site}), {severity}</source>
        <translation>{type} ({site}), {severity}</translation>
    </message>
    <message>
        <source>from {day}</source>
        <translation>depuis le {day}</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>résolue le {day}</translation>
    </message>
    <message>
        <source>not resolved</source>
        <translation>non résolue</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Cannot do that</source>
        <translation>Action impossible</translation>
    </message>
    <message>
        <source>The clinic server cannot be reached. Nothing was saved; what you typed is still on screen. Try again once the server is back (the banner at the top of the window goes).</source>
        <translation>Le serveur du cabinet est injoignable. Rien n&apos;a été enregistré ; ce que vous avez saisi est toujours à l&apos;écran. Réessayez quand le serveur sera de retour (le bandeau en haut de la fenêtre disparaît).</translation>
    </message>
</context>
</TS>
