#!/usr/bin/env bash
# Regenerates the demo site's simulated camera clips (run by hand, never at run time).
#
# Each scene becomes two renditions, as a site camera offers them:
#   <scene>/main  1280x720 H.264 (the spotlight stream)
#   <scene>/sub    640x360 H.264 (the grid stream)
# Every rendition is an fMP4 HLS VOD of 8 one-second segments: no B-frames and a
# keyframe every 25 frames, so the console's simulator can loop the segments as a
# live stream by rewriting only each fragment's decode time (tfdt).
#
# Needs: ffmpeg with libx264, drawtext (libfreetype) and the DejaVu fonts.
set -euo pipefail
cd "$(dirname "$0")"

FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
SECONDS_LONG=8
FPS=25

# name | lavfi source (1280x720) | extra filters
scenes=(
  "gate|gradients=s=1280x720:c0=0x304050:c1=0x708090:x0=0:y0=0:x1=1280:y1=720:speed=0.02:r=${FPS}|drawbox=x='mod(t*200,1480)-200':y=420:w=200:h=110:color=0xc0c0c0@1:t=fill,drawbox=x=0:y=560:w=1280:h=6:color=yellow@0.8:t=fill"
  "corridor|testsrc2=s=1280x720:r=${FPS}|hue=s=0.25,drawbox=x='320+120*sin(t*0.8)':y=200:w=90:h=300:color=0x202020@0.9:t=fill"
  "yard|life=s=320x180:mold=10:r=${FPS}:ratio=0.1:death_color=#1f3320:life_color=#7fbf6f,scale=1280:720:flags=neighbor|drawbox=x=40:y=40:w=1200:h=640:color=white@0.3:t=4"
  "lobby|mandelbrot=s=1280x720:r=${FPS}:start_scale=2.5:end_scale=0.5:end_pts=400|hue=s=0.35"
)

for entry in "${scenes[@]}"; do
  IFS='|' read -r name source extra <<<"$entry"
  label="drawtext=fontfile=${FONT}:text='SIMULATED ${name^^}':x=24:y=h-60:fontsize=36:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=8"
  for rendition in main sub; do
    if [[ $rendition == main ]]; then size=1280x720; rate=700k; else size=640x360; rate=220k; fi
    out="${name}/${rendition}"
    rm -rf "$out" && mkdir -p "$out"
    ffmpeg -hide_banner -loglevel error -y \
      -f lavfi -i "${source}" -t "${SECONDS_LONG}" \
      -vf "${extra},noise=alls=6:allf=t,${label},scale=${size},format=yuv420p" \
      -r "${FPS}" -c:v libx264 -preset veryfast -profile:v main -bf 0 \
      -g "${FPS}" -keyint_min "${FPS}" -sc_threshold 0 \
      -b:v "${rate}" -maxrate "${rate}" -bufsize "${rate}" \
      -f hls -hls_time 1 -hls_playlist_type vod -hls_segment_type fmp4 \
      -hls_fmp4_init_filename init.mp4 -hls_segment_filename "${out}/seg-%03d.m4s" \
      "${out}/index.m3u8"
  done
done
du -sh .
