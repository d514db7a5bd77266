#!/bin/sh
# Regenerates the app icons from icon.svg with ImageMagick (convert). Run from anywhere.
set -eu
cd "$(dirname "$0")"
convert -background none -density 96 icon.svg -resize 1024x1024 -depth 8 icon-1024.png
for size in 512 256 128 64 48 32 16; do
  convert icon-1024.png -resize "${size}x${size}" -depth 8 "${size}x${size}.png"
done
cp 512x512.png icon.png
convert 256x256.png 128x128.png 64x64.png 48x48.png 32x32.png 16x16.png icon.ico
rm icon-1024.png
