# Shell helpers of the benchmark scripts (sourced from the repository's root, not run): building
# the two programs, reading a figure from a result line such as "impl=cpp ... loop_s=1.092 ...",
# and the median of a column of figures.

# Builds the C++ peer into $1/bw1 and gossipsim in Release; sets gossipsim to the latter's path.
build_both() {
  g++ -O2 -std=c++17 -o "$1/bw1" Benchmarks/peers/bw1.cpp
  dotnet build Simulator/Simulator.csproj -c Release -v quiet -nologo > /dev/null
  gossipsim=Simulator/bin/Release/net10.0/gossipsim
}

# The value of KEY=value in the first line on stdin: field KEY
field() { grep -oE "(^| )$1=[^ ]+" | head -1 | cut -d= -f2; }

# The median of the numbers on stdin (the mean of the middle two for an even count), with $1 decimals.
median() { sort -g | awk -v d="$1" '{v[NR]=$1} END {printf "%.*f\n", d, (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
