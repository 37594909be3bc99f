; Inno Setup script: the Windows installer for Rejuv Desktop (built by the release workflow on a
; Windows runner, after `python packaging/build.py` has made dist\rejuv-desktop):
;
;   iscc /DAppVersion=0.1.0 packaging\windows\rejuv-desktop.iss
;
; Installs the one-folder program for the current user (no administrator needed) or, when run
; as an administrator and chosen, for every user. The clinic's data folder
; (%LOCALAPPDATA%\RejuvDesktop\rejuv-desktop: database, backups, keys, content overrides) is
; never written by the installer, and the uninstaller leaves it in place.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z rejuv-desktop.iss
#endif
#define AppName "Rejuv Desktop"
#define AppId "{{8C0B5E57-3F4E-4D4B-9E0C-6A7F2D1E5B21}"
#define SourceDir "..\..\dist\rejuv-desktop"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Rejuv Desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile=..\icons\rejuv-desktop.ico
UninstallDisplayIcon={app}\rejuv-desktop-gui.exe
OutputDir=..\..\dist
OutputBaseFilename=rejuv-desktop-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running copy first, then replaces the program's folder.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's program files only (its folder is replaced whole); never user data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\rejuv-desktop-gui.exe"
Name: "{group}\Licences"; Filename: "{app}\licenses"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\rejuv-desktop-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\rejuv-desktop-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
