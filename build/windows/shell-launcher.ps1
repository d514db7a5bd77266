<#
.SYNOPSIS
  Makes Hall Kiosk the Windows shell for a dedicated kiosk account (Shell Launcher v2), or undoes it.

.DESCRIPTION
  What it does:
    1. Enables the Windows feature "Client-EmbeddedShellLauncher" (Windows 10/11 Enterprise,
       Education or IoT Enterprise; a restart may be needed the first time).
    2. Through the WESL_UserSetting WMI class (namespace root\standardcimv2\embedded), sets Hall
       Kiosk as the custom shell of the kiosk account instead of Explorer. When the app exits,
       Shell Launcher restarts it (action 0 = restart shell): this is the last rung of the
       kiosk's recovery ladder (the app exits with 1 when it gives up, 75 when it wants a relaunch).
    3. Keeps Explorer as the shell of every other account (administrators still get a desktop).
    4. Sets machine-wide environment variables: HALL_DATA_DIR (packs, config.json, logs, recovery
       state) and HALL_SUPERVISED=1 (the app exits instead of relaunching itself, so Shell Launcher
       never sees two copies).
  With -Remove it deletes the custom shell of the kiosk account and turns Shell Launcher off if no
  custom shell is left. Run it in an elevated PowerShell. Sign in as the kiosk account afterwards
  (configure automatic sign-in for that account for an unattended hall).

.EXAMPLE
  .\shell-launcher.ps1 -KioskUser kiosk
.EXAMPLE
  .\shell-launcher.ps1 -KioskUser kiosk -Remove
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)] [string] $KioskUser,
  [string] $ExePath = "$env:ProgramFiles\Hall Kiosk\Hall Kiosk.exe",
  [string] $DataDir = "$env:ProgramData\Hall Kiosk",
  [switch] $Remove
)

$ErrorActionPreference = 'Stop'

$RESTART_SHELL = 0   # Shell Launcher exit actions: 0 restart shell, 1 restart device, 2 shut down, 3 do nothing

function Get-Sid([string] $User) {
  (New-Object System.Security.Principal.NTAccount($User)).Translate([System.Security.Principal.SecurityIdentifier]).Value
}

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script in an elevated (administrator) PowerShell.'
}

$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
if ($feature.State -ne 'Enabled') {
  if ($Remove) { Write-Output 'Shell Launcher is not enabled; nothing to remove.'; return }
  Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
  Write-Output 'Enabled the Shell Launcher feature. If the next step fails, restart Windows and run this script again.'
}

$shell = [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'
$sid = Get-Sid $KioskUser

if ($Remove) {
  $shell.RemoveCustomShell($sid) | Out-Null
  $left = @(Get-CimInstance -Namespace 'root\standardcimv2\embedded' -ClassName WESL_UserSetting)
  if ($left.Count -eq 0) { $shell.SetEnabled($false) | Out-Null }
  Write-Output "Removed the Hall Kiosk shell for $KioskUser."
  return
}

if (-not (Test-Path -LiteralPath $ExePath)) {
  throw "Hall Kiosk is not installed at '$ExePath' (pass -ExePath)."
}
New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
[Environment]::SetEnvironmentVariable('HALL_DATA_DIR', $DataDir, 'Machine')
[Environment]::SetEnvironmentVariable('HALL_SUPERVISED', '1', 'Machine')

$shell.SetEnabled($true) | Out-Null
$shell.SetDefaultShell('explorer.exe', $RESTART_SHELL) | Out-Null
# Replace any earlier setting for this account, then set the kiosk as its shell.
try { $shell.RemoveCustomShell($sid) | Out-Null } catch { }
$shell.SetCustomShell($sid, "`"$ExePath`"", $null, $null, $RESTART_SHELL) | Out-Null

Write-Output "Hall Kiosk is now the shell of $KioskUser ($sid); data in $DataDir. Sign in as $KioskUser to start it."
