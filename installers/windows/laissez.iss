; Inno Setup 6 script for Laissez on Windows: one setup .exe from the PyInstaller bundle.
; Built by installers/windows/build.py, which passes:
;   /DAppVersion=<version> /DSourceDir=<repo>\dist\laissez /DOutputDir=<repo>\dist
;   and /DSignTool=laissez when signing is configured (see installers/README.md).
; Silent install for managed machines: laissez-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES
; (add /CURRENTUSER for a per-user install without administrator rights, /DIR="..." to choose).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\laissez"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; The AppId never changes: it is how an update finds and replaces the installed version.
AppId={{6F1C2E3A-8B9D-4C5E-A7F1-2D3B4C5D6E7F}
AppName=Laissez
AppVersion={#AppVersion}
AppVerName=Laissez {#AppVersion}
AppPublisher=Laissez developers
DefaultDirName={autopf}\Laissez
DefaultGroupName=Laissez
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=laissez-{#AppVersion}-setup
SetupIconFile=..\icons\laissez.ico
UninstallDisplayIcon={app}\laissez.exe
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Laissez before replacing its files (updates).
CloseApplications=yes
RestartApplications=no
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"

[Files]
; The whole one-folder bundle. An update first removes the old bundle (see [InstallDelete]) so no
; stale library from the previous version stays behind. The database lives in the user's data
; folder, never under {app}: installing or uninstalling never touches it.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Laissez"; Filename: "{app}\laissez.exe"
Name: "{autodesktop}\Laissez"; Filename: "{app}\laissez.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
; Check the installation before first use (the same self-test CI runs); shown, not hidden.
Filename: "{app}\laissez-cli.exe"; Parameters: "self-test"; Description: "Check the installation (self-test)"; Flags: postinstall nowait skipifsilent unchecked
Filename: "{app}\laissez.exe"; Description: "{cm:LaunchProgram,Laissez}"; Flags: postinstall nowait skipifsilent
